#!/usr/bin/env bash
# Benchmark (not a test): the time from saving one document to `yuxin serve` sending the
# reload message, on a project of N generated lessons (default 1,000).
#
#   benches/serve_latency.sh [N] [RUNS]
#
# Makes the project with the shared generator (gen_corpus.py --flavor plain, then
# to_yuxin.py) in /dev/shm, builds yuxin in release mode, starts `yuxin serve` on a free port,
# listens to its event stream, then saves lessons one at a time (plain writes and
# write-then-rename saves, alternately) and times each save until its `reload` event arrives.
# Also times front-matter edits (a new title: the pages that list the lesson re-render too).
# Prints the median, the 90th percentile, and the server's own rebuild times.
set -euo pipefail
cd "$(dirname "$0")/.."
source benches/project.sh

n="${1:-1000}"
runs="${2:-40}"
bench="${BENCH_DIR:-$(realpath ..)/shared/bench}"
base="${BENCH_TMP:-/dev/shm}"
pristine="$(bench_project "$bench" "$base" "$n")"
project="$base/yuxin-bench-$n-edited"

# The benchmark edits lessons: every run starts from the same untouched copy.
rm -rf "$project"
cp -r "$pristine" "$project"
trap 'rm -rf "$project"' EXIT

cargo build --release --quiet
bin="${CARGO_TARGET_DIR:-target}/release/yuxin"

python3 - "$bin" "$project" "$runs" <<'PY'
import os, re, socket, statistics, subprocess, sys, threading, time

binary, root, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
server = subprocess.Popen([binary, "serve", "--root", root, "--port", "0"],
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
rebuild_ms, lines = [], []

def read_stdout():
    for line in server.stdout:
        lines.append(line)
        m = re.search(r"增量更新：(\d+) 个文件，用时 ([0-9.]+) 毫秒", line)
        if m:
            rebuild_ms.append((int(m.group(1)), float(m.group(2))))

threading.Thread(target=read_stdout, daemon=True).start()
deadline = time.time() + 300
while not any("正在预览" in l for l in lines):
    if time.time() > deadline or server.poll() is not None:
        sys.exit("yuxin serve did not start: " + "".join(lines))
    time.sleep(0.05)
startup = [l.strip() for l in lines if "构建完成" in l]
host, port = re.search(r"http://([0-9.]+):(\d+)/", "".join(lines)).groups()

sock = socket.create_connection((host, int(port)))
sock.sendall(b"GET /__yuxin/events HTTP/1.0\r\n\r\n")
events = sock.makefile("rb")

def next_event():
    name = None
    while True:
        line = events.readline().decode()
        if not line:
            sys.exit("event stream closed")
        line = line.rstrip("\r\n")
        if line.startswith("event:"):
            name = line[6:].strip()
        elif line == "" and name:
            return name

assert next_event() == "hello"
lessons = sorted(os.path.join(d, f) for d, _, fs in os.walk(os.path.join(root, "curricula"))
                 for f in fs if f.endswith(".md"))

def save(path, text, atomic):
    if atomic:
        tmp = os.path.join(os.path.dirname(path), "." + os.path.basename(path) + ".tmp")
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    else:
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)

def timed(edit, count):
    times = []
    for k in range(count):
        path = lessons[(k * 37) % len(lessons)]
        with open(path, encoding="utf-8") as f:
            text = f.read()
        save(path, edit(text, k), atomic=k % 2 == 1)
        saved = time.perf_counter()
        name = next_event()
        times.append((time.perf_counter() - saved) * 1000)
        if name != "reload":
            sys.exit(f"expected reload, got {name}")
        time.sleep(0.25)
    return times

def report(label, times):
    times = sorted(times)
    p90 = times[int(0.9 * (len(times) - 1))]
    print(f"{label}: median {statistics.median(times):.1f} ms, p90 {p90:.1f} ms, "
          f"min {times[0]:.1f} ms, max {times[-1]:.1f} ms ({len(times)} saves)")

print(f"project: {len(lessons)} documents in {root}")
print("startup:", *startup)
body = timed(lambda t, k: t + f"\n基准测试追加的第 {k} 段。\n", runs)
report("save → reload, body edit", body)
server_body = list(rebuild_ms)
titles = timed(lambda t, k: re.sub(r"(?m)^title: .*$", f"title: 基准测试标题 {k}", t, count=1),
               max(10, runs // 4))
report("save → reload, title edit", titles)
server_titles = rebuild_ms[len(server_body):]
for label, rows in (("body edit", server_body), ("title edit", server_titles)):
    print(f"server's own rebuild, {label}: median {statistics.median(ms for _, ms in rows):.1f} ms, "
          f"median {statistics.median(n for n, _ in rows):.0f} files re-rendered")
server.terminate()
server.wait()
PY
