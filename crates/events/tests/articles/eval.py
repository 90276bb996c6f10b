#!/usr/bin/env python3
"""Events precision/recall of `sitrep read --json` on the round-2 passages in this folder.

Usage: eval.py SITREP_BINARY [SCORE_PY] [-v]
SCORE_PY defaults to ../shared/bench/articles/score.py relative to the repo root. Each passage
is read with --date 2025-03-14, scored by score.py --record against gold.py, and the
events lines are summed.
"""
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from gold import GOLD, gold_for  # noqa: E402

ROOT = os.path.abspath(os.path.join(HERE, "..", "..", "..", ".."))
args = [a for a in sys.argv[1:] if a != "-v"]
verbose = "-v" in sys.argv
binary = args[0]
score_py = args[1] if len(args) > 1 else os.path.join(ROOT, "..", "shared", "bench", "articles", "score.py")
tot = [0, 0, 0, 0, 0]
for name in sorted(GOLD):
    rec = subprocess.run([binary, "read", "--json", "--date", "2025-03-14", os.path.join(HERE, name + ".txt")],
                         capture_output=True, text=True, check=True).stdout
    with tempfile.TemporaryDirectory() as d:
        rp, gp = os.path.join(d, "r.json"), os.path.join(d, "g.json")
        open(rp, "w").write(rec)
        json.dump(gold_for(name), open(gp, "w"))
        out = subprocess.run([sys.executable, score_py, "--gold", gp, "--record", rp],
                             capture_output=True, text=True).stdout
    m = re.search(r"events recall (\d+)/(\d+), precision (\d+)/(\d+), forbidden (\d+)", out)
    vals = [int(x) for x in m.groups()] if m else [0, len(GOLD[name]["events"]), 0, 0, 0]
    for i, v in enumerate(vals):
        tot[i] += v
    print(f"{name:14} recall {vals[0]}/{vals[1]} precision {vals[2]}/{vals[3]} forbidden {vals[4]}")
    if verbose:
        r = json.loads(rec)
        ents = {e["id"]: e["name"] for e in r["entities"]}
        for line in out.splitlines():
            if "missing" in line or "FORBIDDEN" in line:
                print("   ", line.strip())
        for e in r["events"]:
            ev = r["text"][e["evidence"]["start"]:e["evidence"]["end"]]
            print(f"    {e['type']}/{e.get('mode')} {ents.get(e['source'])} -> {ents.get(e['target'])} "
                  f"{e['polarity']} {e['certainty']} bg={e['background']} {e['date']} [{e['rule']}] {ev!r}")
print(f"TOTAL recall {tot[0]}/{tot[1]} = {tot[0]/max(tot[1],1):.3f}, precision {tot[2]}/{tot[3]} = "
      f"{tot[2]/max(tot[3],1):.3f}, forbidden {tot[4]}")
