# Sourced by the benchmarks: the generated yuxin project of N lessons, made once and reused.
#
#   bench_project BENCH_DIR BASE N   # prints the project's folder, BASE/yuxin-bench-N

bench_project() {
  local bench="$1" base="$2" n="$3"
  local plain="$base/yuxin-bench-plain-$n" project="$base/yuxin-bench-$n"
  if [ ! -f "$project/yuxin.yaml" ]; then
    rm -rf "$plain" "$project"
    python3 "$bench/gen_corpus.py" --flavor plain "$plain" "$n" >/dev/null
    python3 "$bench/to_yuxin.py" "$plain" "$project" >/dev/null
    # The generated lessons are not real plans: none names a referral (remedial-referral is an
    # error, so the build would stop), and their steps' minutes do not add up to a stage's
    # period (24,000 warnings, whose printing would be timed instead of the build). Some give
    # kindergartens remedial topics the catalog does not apply to them: 315 topic-stage
    # warnings, which stay in the timed run (topic-stage is not a lint `lints:` can set).
    printf 'lints:\n  remedial-referral: off\n  minutes-sum: off\n  stage-duration: off\n' \
      >>"$project/yuxin.yaml"
  fi
  echo "$project"
}
