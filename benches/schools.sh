#!/usr/bin/env bash
# Benchmark (not a test): the shipped curriculum with S generated parent schools.
#
#   benches/schools.sh [S ...]        # default: 0 100 1500
#
# Sourced by bench.sh (which runs Hugo beside it) or run alone. For each S, makes (once, then
# reuses) $BENCH_TMP/yuxin-schools-S (default /dev/shm): this project's yuxin.yaml,
# curricula/, content/, schools/ and themes/ plus S schools from benches/schools.py, whose
# stages cycle through the five stages and every pair of them (15 stage sets). Then measures:
#   full       `yuxin build` into an empty output folder (hyperfine median of $RUNS runs)
#   peak MB    maximum resident memory of the full build (/usr/bin/time -v)
#   per school (full(S) - full(0)) / S, when S = 0 was measured in the same run
#   files, MB  files in the output, and its bytes once per file (hard links count once, as on
#              disk) and as copied file by file (every link in full, `cp -r` or an upload)
#   own KB     bytes of a school's files not shared with another school (link count 1), mean
#   one school `yuxin build --school ID` (the first generated school), median
#   alone      the first generated school's folder copied alone (`cp -r`): files missing from
#              it that its pages link (must be 0), and whether it holds `build --school`'s
#              files byte for byte (⊇; it also holds the school's print copies)
#   serve      `yuxin serve`: its first build, its peak memory, and the time from saving one
#              school's file (a new event topic) to the reload event, with what it rebuilt
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# Runs the schools benchmark for the counts given; prints one table row per count to stdout.
# Expects $bin (the yuxin binary), $results (a scratch folder), $runs and $base.
schools_bench() {
  local s project out alone
  for s in "$@"; do
    project="$base/yuxin-schools-$s"
    if [ ! -f "$project/.complete" ]; then
      python3 benches/schools.py . "$project" "$s"
      touch "$project/.complete"
    fi
    out="$base/yuxin-schools-out-$s"
    echo "== shipped curriculum, $s schools" >&2
    hyperfine --style none --warmup 1 --runs "$runs" --export-json "$results/schools-full-$s.json" \
      --prepare "rm -rf $out" "$bin build --root $project --out $out" >&2
    rm -rf "$out"
    /usr/bin/time -v "$bin" build --root "$project" --out "$out" 2>&1 >/dev/null |
      awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' >"$results/schools-peak-$s"
    find "$out" -type f | wc -l >"$results/schools-files-$s"
    du -sb "$out" | cut -f1 >"$results/schools-bytes-$s"
    du -sbl "$out" | cut -f1 >"$results/schools-copied-$s"
    if ((s > 0)); then
      find "$out/schools" -path "$out/schools/gen-*" -type f -links 1 -printf '%s\n' |
        awk -v n="$s" '{t += $1} END {printf "%.0f", t / n / 1024}' >"$results/schools-own-$s"
      hyperfine --style none --warmup 1 --runs "$runs" --export-json "$results/schools-one-$s.json" \
        "$bin build --root $project --school gen-0000 --out $base/yuxin-schools-one" >&2
      alone="$base/yuxin-schools-alone"
      rm -rf "$alone" && cp -r "$out/schools/gen-0000" "$alone"
      python3 benches/school_alone.py "$alone" >"$results/schools-alone-$s"
      # The copy also holds the school's print copies, which `--school` does not make.
      if diff -rq "$alone" "$base/yuxin-schools-one" | grep -v "^Only in $alone" |
        grep -v "yuxin-output" | grep -q .; then
        echo " ≠ --school" >>"$results/schools-alone-$s"
      else
        echo " ⊇ --school" >>"$results/schools-alone-$s"
      fi
      rm -rf "$alone" "$base/yuxin-schools-one"
      python3 benches/school_serve.py "$bin" "$project" >"$results/schools-serve-$s" 2>&1 ||
        echo "serve failed" >"$results/schools-serve-$s"
    fi
    rm -rf "$out"
  done
  python3 - "$results" "$@" <<'PY'
import json, os, sys
d, counts = sys.argv[1], sys.argv[2:]
def read(name, default=""):
    p = os.path.join(d, name)
    return open(p).read().strip() if os.path.exists(p) else default
def median(name):
    p = os.path.join(d, name)
    return json.load(open(p))["results"][0]["median"] if os.path.exists(p) else float("nan")
base = median("schools-full-0.json")
print(f"\n{'schools':>7} {'full s':>8} {'peak MB':>8} {'ms/school':>9} {'files':>7} {'MB':>7}"
      f" {'MB copied':>9} {'own KB':>7} {'one s':>7}  alone")
for s in counts:
    n = int(s)
    full = median(f"schools-full-{s}.json")
    per = (full - base) / n * 1000 if n else float("nan")
    print(f"{n:>7} {full:8.3f} {read(f'schools-peak-{s}'):>8} {per:9.2f}"
          f" {read(f'schools-files-{s}'):>7} {int(read(f'schools-bytes-{s}', '0')) / 1e6:7.1f}"
          f" {int(read(f'schools-copied-{s}', '0')) / 1e6:9.1f} {read(f'schools-own-{s}', '-'):>7}"
          f" {median(f'schools-one-{s}.json'):7.3f}  {read(f'schools-alone-{s}', '-')}")
for s in counts:
    text = read(f"schools-serve-{s}")
    if text:
        print(f"serve, {s} schools: " + text.replace("\n", "; "))
PY
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  counts=("$@")
  ((${#counts[@]})) || counts=(0 100 1500)
  runs="${RUNS:-3}"
  base="${BENCH_TMP:-/dev/shm}"
  for tool in hyperfine python3; do
    command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 2; }
  done
  cargo build --release --quiet
  bin="$(realpath "${CARGO_TARGET_DIR:-target}/release/yuxin")"
  results="$(mktemp -d)"
  trap 'rm -rf "$results"' EXIT
  schools_bench "${counts[@]}"
fi
