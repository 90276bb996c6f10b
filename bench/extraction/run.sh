#!/usr/bin/env bash
# Article-extraction benchmark: sitrep-html against trafilatura on the shared 181-page set.
#
# One run builds sitrep's release example, extracts every page in one process (timed, one
# thread), runs trafilatura 2.x on the same pages in one process (timed), scores both with
# the shared score.py and prints F1s and the speed ratio.
#
# Usage: bench/extraction/run.sh [BENCH_DIR]
#   BENCH_DIR defaults to ../shared/bench/extraction relative to the repo root.
# Environment: CARGO_TARGET_DIR (default target/ in the repo), VENV (default
#   target/venv-extraction, created with trafilatura if missing), OUT (default a temp dir).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BENCH="${1:-$ROOT/../shared/bench/extraction}"
DATA="$BENCH/scrapinghub-article-extraction-benchmark"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
VENV="${VENV:-$ROOT/target/venv-extraction}"
OUT="${OUT:-$(mktemp -d)}"
mkdir -p "$OUT"

[ -f "$DATA/ground-truth.json" ] || { echo "run.sh: no benchmark at $DATA" >&2; exit 1; }

if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import trafilatura' 2>/dev/null; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q 'trafilatura>=2,<3' lxml_html_clean
fi

echo "== building sitrep-html (release)"
(cd "$ROOT" && cargo build --release -q -p sitrep-html --example extract_dir)

echo "== sitrep"
"$CARGO_TARGET_DIR/release/examples/extract_dir" "$DATA/html" "$OUT/sitrep" \
  "$DATA/ground-truth.json" | tee "$OUT/sitrep.speed"

echo "== trafilatura $("$VENV/bin/python" -c 'import trafilatura; print(trafilatura.__version__)')"
"$VENV/bin/python" "$ROOT/bench/extraction/trafilatura_dir.py" "$DATA/html" \
  "$OUT/trafilatura" | tee "$OUT/trafilatura.speed"

echo "== scores"
python3 "$BENCH/score.py" --dataset "$DATA" --pred "$OUT/sitrep" --pred "$OUT/trafilatura" \
  --json "$OUT/scores.json"
python3 "$ROOT/bench/extraction/compare.py" "$OUT/scores.json" "$OUT/sitrep.speed" \
  "$OUT/trafilatura.speed"
echo "(outputs in $OUT)"
