#!/usr/bin/env bash
# Compares the speed of several builds of the `syntax_throughput` example on one file,
# interleaved so that they share the machine's load: each round runs every binary once
# (order rotated), pinned to one CPU, and the ratios to the first binary are taken within
# each round. Prints, per binary, the median words per CPU second and the median ratio.
#
# Usage: crates/syntax/scripts/speed_ab.sh ROUNDS BIN...
#   env DATA (default ../shared/data/ud/en_ewt-ud-dev.conllu.gz from the repository root),
#       CPU (default 1), REPS (repetitions per run, default 7)
# Example (old build copied aside first):
#   cargo build --release -p sitrep-syntax --example syntax_throughput
#   crates/syntax/scripts/speed_ab.sh 15 /tmp/old/syntax_throughput target/release/examples/syntax_throughput
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
data="${DATA:-$root/../shared/data/ud/en_ewt-ud-dev.conllu.gz}"
rounds="$1"; shift
uptime
python3 - "$rounds" "$data" "${CPU:-1}" "${REPS:-7}" "$@" <<'PY'
import json, statistics, subprocess, sys
rounds, data, cpu, reps, bins = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:]
runs = {b: [] for b in bins}
for r in range(rounds):
    for b in bins[r % len(bins):] + bins[:r % len(bins)]:
        out = subprocess.run(["taskset", "-c", cpu, b, data, "--reps", reps],
                             capture_output=True, text=True, check=True).stdout
        runs[b].append(json.loads(out)["words_per_cpu_s_median"])
for b in bins:
    ratios = [x / y for x, y in zip(runs[b], runs[bins[0]])]
    print(f"{b}: median {statistics.median(runs[b]):.0f} words/CPU-s, "
          f"ratio to first {statistics.median(ratios):.3f}, runs {runs[b]}")
PY
uptime
