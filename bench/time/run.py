#!/usr/bin/env python3
"""Score sitrep's temporal tagger on TempEval-3 TBAQ (TimeML) with the shared scorer.

Steps: unpack the TBAQ archive into a work directory, dump gold per part with
`shared/bench/time/score.py dump-gold`, run the tagger on each plain text with the
document's DCT, collect its `times` (code point offsets), and score with
`score.py score`. Parts: AQUAINT (used for development) and TimeBank (held out).

Usage (from the repo root):
    python3 bench/time/run.py                       # target/release/sitrep read --verbatim --json
    python3 bench/time/run.py --cmd target/release/examples/timex_json --part AQUAINT
    python3 bench/time/run.py --no-dct ...          # let the tool infer the document date
    python3 bench/time/run.py --errors ...          # list the mismatches

The command gets `--date DCT FILE` appended (no `--date` with --no-dct) and must print one
JSON object with a `times` list of {start, end, type, value} in code point offsets.
"""

import argparse
import concurrent.futures
import json
import os
import shlex
import subprocess
import sys
import tarfile
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED = os.path.join(os.path.dirname(REPO), "shared")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=os.path.join(SHARED, "data/time/tbaq-cleaned.tar.gz"))
    ap.add_argument("--scorer", default=os.path.join(SHARED, "bench/time/score.py"))
    ap.add_argument("--cmd", default="target/release/sitrep read --verbatim --json")
    ap.add_argument("--part", choices=["AQUAINT", "TimeBank", "all"], default="all")
    ap.add_argument("--work", help="work directory (default: a fresh temporary one)")
    ap.add_argument("--no-dct", action="store_true", help="do not pass the gold DCT")
    ap.add_argument("--errors", action="store_true", help="print the scorer's error list")
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()

    work = args.work or tempfile.mkdtemp(prefix="sitrep-time-")
    root = os.path.join(work, "TBAQ-cleaned")
    if not os.path.isdir(root):
        with tarfile.open(args.data) as tar:
            try:
                tar.extractall(work, filter="data")
            except TypeError:  # Python before 3.11.4 has no extraction filters
                tar.extractall(work)
    parts = ["AQUAINT", "TimeBank"] if args.part == "all" else [args.part]
    cmd = shlex.split(args.cmd)
    status = 0
    for part in parts:
        gold = os.path.join(work, f"{part}.gold.json")
        texts = os.path.join(work, f"{part}-text")
        subprocess.run([sys.executable, args.scorer, "dump-gold", os.path.join(root, part),
                        "-o", gold, "--text-dir", texts], check=True, stdout=subprocess.DEVNULL)
        docs = json.load(open(gold, encoding="utf-8"))["documents"]

        def run(doc_id):
            dct = (docs[doc_id].get("dct") or "")[:10]
            full = list(cmd)
            if not args.no_dct and dct:
                full += ["--date", dct]
            full.append(os.path.join(texts, doc_id + ".txt"))
            out = subprocess.run(full, capture_output=True, text=True, cwd=REPO)
            if out.returncode != 0:
                raise RuntimeError(f"{doc_id}: {' '.join(full)} failed: {out.stderr.strip()}")
            record = json.loads(out.stdout)
            return doc_id, [{k: t[k] for k in ("start", "end", "type", "value")} for t in record.get("times", [])]

        with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
            results = dict(pool.map(run, sorted(docs)))
        pred = os.path.join(work, f"{part}.pred.json")
        with open(pred, "w", encoding="utf-8") as f:
            json.dump({"format": "timex-json/1",
                       "documents": {d: {"timexes": t} for d, t in results.items()}}, f)
        print(f"== {part} ({len(docs)} documents){' without DCT' if args.no_dct else ''}")
        score = [sys.executable, args.scorer, "score", gold, pred]
        if args.errors:
            score.append("--errors")
        status |= subprocess.run(score).returncode
    print(f"(work directory: {work})")
    return status


if __name__ == "__main__":
    sys.exit(main())
