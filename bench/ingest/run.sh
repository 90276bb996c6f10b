#!/usr/bin/env bash
# End-to-end ingest throughput: each corpus into a fresh store, then words/s, articles/s,
# store size per article, and peak memory.
#
#   bench/ingest/run.sh [CORPUS.jsonl.gz ...]
#
# Defaults to the shared news corpora (../shared/data/news, relative to the repo root).
# Environment: SITREP (binary; default target/release/sitrep, built if missing),
# THREADS (worker threads, default 0 = all cores), BATCH (articles per transaction; default:
# the binary's own),
# RERUN=1 (ingest each corpus a second time into the same store and report that run's
# seconds: a rerun should add nothing and skip stored articles before annotating them).
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
if [ "$#" -eq 0 ]; then
  set -- ../shared/data/news/wikinews-en.jsonl.gz ../shared/data/news/reuters21578.jsonl.gz
fi
sitrep="${SITREP:-$root/target/release/sitrep}"
if [ ! -x "$sitrep" ]; then
  cargo build --release -p sitrep
fi
threads="${THREADS:-0}"
# Each binary's own default batch size unless BATCH is set (baseline and new binaries are
# compared as shipped).
batch_arg=()
if [ -n "${BATCH:-}" ]; then batch_arg=(--batch-size "$BATCH"); fi
rerun="${RERUN:-0}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

printf '%-28s %8s %10s %7s %10s %12s %10s %10s %9s %8s %7s\n' \
  corpus articles words seconds words/s articles/s bytes/art copies peak_MB rerun_s cpu_s
for corpus in "$@"; do
  db="$work/bench.db"
  rm -f "$db" "$db-wal" "$db-shm"
  # GNU time gives the peak resident set and the CPU seconds (user + system, steadier than
  # wall time when the machine is shared); fall back to wall time only.
  if /usr/bin/time -f '%M' true 2>/dev/null; then
    /usr/bin/time -f '%M %U %S' -o "$work/rss" "$sitrep" ingest --json --threads "$threads" \
      "${batch_arg[@]}" --db "$db" "$corpus" > "$work/summary.json" || true
    read -r rss_kb user_s sys_s < <(tail -1 "$work/rss")
    cpu_s="$(python3 -c "print($user_s + $sys_s)")"
  else
    "$sitrep" ingest --json --threads "$threads" "${batch_arg[@]}" --db "$db" "$corpus" \
      > "$work/summary.json" || true
    rss_kb=0
    cpu_s=nan
  fi
  if [ ! -s "$work/summary.json" ]; then
    echo "$(basename "$corpus"): ingest failed (see above)"
    continue
  fi
  # Checkpoint the WAL so the file size is the store's.
  "$sitrep" stats --db "$db" > /dev/null
  echo '{}' > "$work/rerun.json"
  if [ "$rerun" = 1 ]; then
    "$sitrep" ingest --json --threads "$threads" "${batch_arg[@]}" --db "$db" "$corpus" \
      > "$work/rerun.json" || true
  fi
  python3 - "$corpus" "$work/summary.json" "$db" "$rss_kb" "$work/rerun.json" "$cpu_s" <<'PY'
import json, os, sys
corpus, summary, db, rss = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
again = json.load(open(sys.argv[5]))
cpu = float(sys.argv[6])
s = json.load(open(summary))
stored = s["new"]
size = sum(os.path.getsize(p) for p in (db, db + "-wal") if os.path.exists(p))
secs = s["seconds"]
print(f'{os.path.basename(corpus):<28} {s["read"]:>8} {s["words"]:>10} {secs:>7.2f} '
      f'{s["words"] / secs:>10.0f} {s["read"] / secs:>12.1f} {size / max(stored, 1):>10.0f} '
      f'{s["copies"]:>10} {rss / 1024:>9.1f} {again.get("seconds", float("nan")):>8.2f} '
      f'{cpu:>7.2f}')
if again and again.get("new"):
    print(f'  rerun stored {again["new"]} articles again: not idempotent')
if s["failed"]:
    print(f'  failed: {len(s["failed"])}, first: {s["failed"][0]["name"]}: {s["failed"][0]["problem"]}')
PY
done
