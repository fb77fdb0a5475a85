#!/usr/bin/env bash
# Benchmark (not a test): yuxin against Hugo on the same generated lessons, side by side.
#
#   benches/bench.sh [N ...]          # default: 1000 10000
#
# For each N, makes (once, then reuses) in $BENCH_TMP (default /dev/shm):
#   yuxin-bench-N        a yuxin project (../shared/bench/gen_corpus.py --flavor plain, to_yuxin.py)
#   yuxin-bench-hugo-N   the same lessons as a Hugo site (gen_corpus.py --flavor hugo)
# then measures, as hyperfine medians of $RUNS runs (default 5), with the output on tmpfs:
#   full     `yuxin build` into an empty output folder
#   no-op    `yuxin build` again, nothing changed
#   incr     one document saved while `yuxin serve` runs: the server's own rebuild time
#            (benches/serve_latency.sh, median of $SAVES saves, default 10)
#   check    `yuxin check`
#   peak MB  maximum resident memory of the full build (/usr/bin/time -v)
#   hugo     `hugo` full build of the same lessons, and its peak memory
# and then the shipped curriculum with $SCHOOLS generated parent schools (default "0 100 1500";
# SCHOOLS= skips them), as benches/schools.sh describes, each school count's full build also
# as a ratio to Hugo's time for the largest N of the same run.
# Absolute times drift on a shared machine; the ratio to Hugo, measured in the same run, does
# not drift as much. Installs nothing: says what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
source benches/project.sh
source benches/schools.sh

sizes=("$@")
((${#sizes[@]})) || sizes=(1000 10000)
runs="${RUNS:-5}"
saves="${SAVES:-10}"
bench="${BENCH_DIR:-$(realpath ..)/shared/bench}"
base="${BENCH_TMP:-/dev/shm}"

missing=()
for tool in hyperfine hugo python3; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
[ -x /usr/bin/time ] || missing+=(time)
if ((${#missing[@]})); then
  echo "missing: ${missing[*]}. On Debian/Ubuntu: apt-get install ${missing[*]}" >&2
  exit 2
fi
[ -f "$bench/gen_corpus.py" ] || { echo "no corpus generator at $bench (set BENCH_DIR)" >&2; exit 2; }

cargo build --release --quiet
bin="$(realpath "${CARGO_TARGET_DIR:-target}/release/yuxin")"
results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT

# Peak resident memory in MB of a command, from GNU time.
peak_mb() {
  /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}'
}

# The median wall time in seconds of hyperfine's only command.
median() {
  python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["median"])' "$1"
}

for n in "${sizes[@]}"; do
  project="$(bench_project "$bench" "$base" "$n")"
  hugo_site="$base/yuxin-bench-hugo-$n"
  if [ ! -f "$hugo_site/hugo.toml" ] && [ ! -f "$hugo_site/config.toml" ]; then
    rm -rf "$hugo_site"
    python3 "$bench/gen_corpus.py" --flavor hugo "$hugo_site" "$n" >/dev/null
  fi
  out="$base/yuxin-bench-out-$n"
  hugo_out="$base/yuxin-bench-hugo-out-$n"
  echo "== $n lessons" >&2

  hyperfine --style none --warmup 1 --runs "$runs" --export-json "$results/full-$n.json" \
    --prepare "rm -rf $out" "$bin build --root $project --out $out" >&2
  hyperfine --style none --warmup 1 --runs "$runs" --export-json "$results/noop-$n.json" \
    "$bin build --root $project --out $out" >&2
  hyperfine --style none --warmup 1 --runs "$runs" --export-json "$results/check-$n.json" \
    "$bin check --root $project" >&2
  hyperfine --style none --warmup 1 --runs "$runs" --export-json "$results/hugo-$n.json" \
    --prepare "rm -rf $hugo_out" "hugo --quiet --source $hugo_site --destination $hugo_out" >&2
  rm -rf "$out" "$hugo_out"
  peak_mb "$bin" build --root "$project" --out "$out" >"$results/peak-$n"
  peak_mb hugo --quiet --source "$hugo_site" --destination "$hugo_out" >"$results/hugo-peak-$n"
  rm -rf "$out" "$hugo_out"

  # serve_latency.sh prints "server's own rebuild, body edit: median X ms, …".
  BENCH_TMP="$base" bash benches/serve_latency.sh "$n" "$saves" >"$results/serve-$n.txt" 2>&1 || true
  sed -n "s/^server's own rebuild, body edit: median \([0-9.]*\) ms.*/\1/p" "$results/serve-$n.txt" \
    >"$results/incr-$n"
done

printf '\n%7s %9s %9s %9s %9s %8s %9s %8s %11s %10s\n' \
  N "full s" "no-op s" "incr ms" "check s" "peak MB" "hugo s" "hugo MB" "full/hugo" "MB/hugo"
for n in "${sizes[@]}"; do
  full="$(median "$results/full-$n.json")"
  noop="$(median "$results/noop-$n.json")"
  check="$(median "$results/check-$n.json")"
  hugo="$(median "$results/hugo-$n.json")"
  incr="$(cat "$results/incr-$n")"
  peak="$(cat "$results/peak-$n")"
  hpeak="$(cat "$results/hugo-peak-$n")"
  python3 - "$n" "$full" "$noop" "${incr:-nan}" "$check" "$peak" "$hugo" "$hpeak" <<'PY'
import sys
n, full, noop, incr, check, peak, hugo, hpeak = sys.argv[1:]
full, noop, incr, check, hugo = map(float, (full, noop, incr, check, hugo))
print(f"{n:>7} {full:9.3f} {noop:9.3f} {incr:9.1f} {check:9.3f} {peak:>8} {hugo:9.3f} {hpeak:>8}"
      f" {full / hugo:11.3f} {int(peak) / int(hpeak):10.3f}")
PY
done
if ((${#sizes[@]} > 1)); then
  python3 - "$results" "${sizes[@]}" <<'PY'
import json, sys
d, sizes = sys.argv[1], [int(s) for s in sys.argv[2:]]
t = lambda n: json.load(open(f"{d}/full-{n}.json"))["results"][0]["median"]
lo, hi = min(sizes), max(sizes)
ratio = (t(hi) / hi) / (t(lo) / lo)
print(f"\ncost per lesson, {hi} vs {lo}: {ratio:.2f}× (1.00 is linear; ≤ 1.15 is the target)")
PY
fi

read -r -a school_counts <<<"${SCHOOLS-0 100 1500}"
if ((${#school_counts[@]})); then
  schools_bench "${school_counts[@]}"
  biggest="$(printf '%s\n' "${sizes[@]}" | sort -n | tail -1)"
  python3 - "$results" "$biggest" "${school_counts[@]}" <<'PY'
import json, sys
d, n, counts = sys.argv[1], sys.argv[2], sys.argv[3:]
t = lambda name: json.load(open(f"{d}/{name}.json"))["results"][0]["median"]
hugo = t(f"hugo-{n}")
hpeak = int(open(f"{d}/hugo-peak-{n}").read())
for s in counts:
    peak = int(open(f"{d}/schools-peak-{s}").read())
    print(f"{s} schools: {t(f'schools-full-{s}') / hugo:.3f} × Hugo's {n}-lesson time, "
          f"peak {peak} MB ({peak / hpeak:.3f} × Hugo's)")
PY
fi
