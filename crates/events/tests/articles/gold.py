"""Hand-written expected events for the round-2 passages (score.py's gold format).

Compact spec: "TYPE SRC1|SRC2 -> TGT1|TGT2 [pol=negative] [cert=possible] [sym] [date=...]"
An empty target ("-") accepts any target. Used by eval.py; document date 2025-03-14 (a Friday).
"""


def ev(spec):
    head, _, rest = spec.partition(" -> ")
    typ, src = head.split(" ", 1)
    parts = rest.split(" ")
    tgt = parts[0]
    g = {"id": spec, "types": typ.split("/"),
         "source": src.replace("_", " ").split("|"),
         "target": [] if tgt == "-" else tgt.replace("_", " ").split("|")}
    for p in parts[1:]:
        if p == "sym":
            g["symmetric"] = True
        elif p.startswith("pol="):
            g["polarity"] = p[4:]
        elif p.startswith("cert="):
            g["certainty"] = p[5:]
        elif p.startswith("date="):
            g["date"] = p[5:]
        elif p.startswith("lacks="):
            g["evidence_lacks"] = p[6:].replace("_", " ")
        elif p.startswith("hasany="):
            g["evidence_has_any"] = p[7:].replace("_", " ").split("|")
        elif p.startswith("certnot="):
            g["certainty_not"] = p[8:].split("|")
    if "polarity" not in g:
        g["polarity"] = "positive"
    return g


GOLD = {
    "01_sanctions": {
        "events": ["SANCTION European_Union|EU -> Belarus cert=certain date=2025-03-13",
                   "ACCUSE European_Union|EU -> Belarus|Alexander_Lukashenko"],
        "optional": ["REJECT Belarus|Minsk -> -", "SANCTION Belarus|Minsk -> Poland cert=possible",
                     "THREATEN Belarus|Minsk -> -", "SUPPORT Gabrielius_Landsbergis|Lithuania -> -"],
        "forbidden": ["SANCTION Belarus|Minsk -> Poland certnot=possible"],
    },
    "02_ceasefire": {
        "events": ["AGREE Armenia -> Azerbaijan sym cert=certain",
                   "ASSAULT Azerbaijan -> Armenia cert=reported",
                   "ACCUSE Azerbaijan|Baku -> Armenia|Yerevan",
                   "CONSULT Vladimir_Putin|Russia -> Nikol_Pashinyan|Armenia sym"],
        "optional": ["ASSAULT Azerbaijan|Baku -> - pol=negative", "REJECT Azerbaijan|Baku -> -",
                     "COOPERATE Russia -> Armenia|Azerbaijan"],
        "forbidden": ["ASSAULT Azerbaijan|Baku -> - hasany=denied|civilians"],
    },
    "03_arrest": {
        "events": ["COERCE Iran|Tehran -> Louis_Arnaud|France",
                   "ACCUSE France|Catherine_Colonna -> -",
                   "REQUEST France|Catherine_Colonna -> -"],
        "optional": ["ACCUSE Iran -> Louis_Arnaud|France", "REJECT Iran|Tehran -> - pol=negative",
                     "REJECT Iran|Tehran -> -", "REJECT France|Catherine_Colonna -> -"],
        "forbidden": [],
    },
    "04_aid": {
        "events": ["AID Japan|Tokyo|Fumio_Kishida -> Ukraine|Kyiv cert=possible",
                   "CONSULT Fumio_Kishida|Japan -> Ukraine|Kyiv",
                   "CONSULT Fumio_Kishida|Japan -> Volodymyr_Zelensky|Ukraine sym",
                   "AID Japan|Tokyo -> Ukraine|Kyiv cert=certain hasany=generators"],
        "optional": ["SUPPORT Fumio_Kishida|Japan -> -", "AID Japan -> - pol=negative",
                     "SUPPORT Volodymyr_Zelensky|Ukraine -> Japan|Tokyo"],
        "forbidden": ["AID Japan|Tokyo -> - hasany=lethal"],
    },
    "05_protest": {
        "events": ["ACCUSE United_States -> Georgia|Irakli_Kobakhidze",
                   "ACCUSE Irakli_Kobakhidze|Georgia -> -"],
        "optional": ["PROTEST Tbilisi|Georgia -> -", "COERCE Georgia|Interior_Ministry|Police -> -"],
        "forbidden": [],
    },
    "06_threat": {
        "events": ["THREATEN North_Korea|Pyongyang -> United_States|South_Korea",
                   "REQUEST United_States|Washington -> North_Korea|Pyongyang cert=certain"],
        "optional": ["THREATEN North_Korea|Pyongyang -> United_States|South_Korea",
                     "ASSAULT North_Korea|Pyongyang -> -", "MOBILIZE North_Korea -> -",
                     "COOPERATE United_States|South_Korea -> United_States|South_Korea"],
        "forbidden": [],
    },
    "07_election": {
        "events": ["REJECT Edmundo_Gonzalez -> -",
                   "REQUEST Brazil -> -",
                   "ACCUSE Nicolas_Maduro|Venezuela -> -",
                   "SANCTION Venezuela|Nicolas_Maduro -> Argentina|Chile"],
        "optional": ["REQUEST Colombia -> -", "SANCTION Venezuela|Nicolas_Maduro -> Argentina|Chile"],
        "forbidden": [],
    },
    "08_visit": {
        "events": ["CONSULT Wang_Yi|China -> Australia|Canberra date=2025-03-12",
                   "CONSULT Wang_Yi|China -> Penny_Wong|Australia sym",
                   "AGREE China|Wang_Yi -> Australia|Penny_Wong sym cert=reported",
                   "CONCEDE China|Beijing -> Australia"],
        "optional": [],
        "forbidden": [],
    },
    "09_attack": {
        "events": ["ASSAULT Israel -> Lebanon",
                   "ASSAULT Hezbollah -> Israel",
                   "ACCUSE Najib_Mikati|Lebanon -> -",
                   "REQUEST United_Nations -> -"],
        "optional": [],
        "forbidden": [],
    },
    "10_release": {
        "events": ["CONCEDE Russia -> Evan_Gershkovich|United_States cert=reported",
                   "CONCEDE United_States -> -",
                   "SUPPORT Joe_Biden|United_States -> Turkey cert=certain"],
        "optional": ["COOPERATE Russia|United_States -> Russia|United_States", "CONSULT Turkey -> -"],
        "forbidden": [],
    },
    "11_withdraw": {
        "events": ["RETREAT France -> Niger cert=possible",
                   "SANCTION Niger -> France",
                   "SANCTION Niger -> France hasany=ties"],
        "optional": ["REQUEST Niger -> -", "SUPPORT France|Emmanuel_Macron -> - pol=negative"],
        "forbidden": ["SUPPORT France|Emmanuel_Macron -> - pol=positive"],
    },
    "12_cooperate": {
        "events": ["AGREE India -> Vietnam sym cert=certain",
                   "CONSULT Rajnath_Singh|India -> Vietnam|Hanoi",
                   "CONSULT Rajnath_Singh|India -> Phan_Van_Giang|Vietnam sym",
                   "AID India -> Vietnam cert=possible"],
        "optional": ["ACCUSE China -> -", "COOPERATE India -> Vietnam sym"],
        "forbidden": ["AID India -> Vietnam certnot=possible"],
    },
    "13_kosovo": {
        "events": ["ACCUSE Kosovo -> Serbia|Aleksandar_Vucic date=2025-03-09",
                   "ACCUSE Aleksandar_Vucic|Serbia -> -",
                   "REJECT Aleksandar_Vucic|Serbia -> -",
                   "REQUEST European_Union -> Serbia|Belgrade",
                   "SUPPORT United_States -> Kosovo"],
        "optional": ["CONSULT Aleksandar_Vucic|Serbia -> Kosovo pol=negative"],
        "forbidden": ["ACCUSE Aleksandar_Vucic|Serbia -> - pol=negative",
                      "REJECT Aleksandar_Vucic|Serbia -> - pol=negative",
                      "CONSULT Aleksandar_Vucic|Serbia -> Kosovo pol=positive"],
    },
    "14_turkey": {
        "events": ["COERCE Turkey|Turkish_police -> Furkan_Karabay",
                   "ACCUSE Turkey -> Sweden"],
        "optional": ["REJECT Sweden|Stockholm -> -", "COERCE Sweden|Ulf_Kristersson -> - pol=negative"],
        "forbidden": ["COERCE Sweden|Ulf_Kristersson -> - pol=positive"],
    },
}


def gold_for(name):
    g = GOLD[name]
    return {"events": [ev(s) for s in g["events"]],
            "events_optional": [ev(s) for s in g["optional"]],
            "events_forbidden": [ev(s) for s in g["forbidden"]]}
