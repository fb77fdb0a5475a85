#!/usr/bin/env python3
"""What `yuxin serve` does when one school's file changes (a benchmark, not a test).

    python3 benches/school_serve.py BINARY PROJECT

Starts `yuxin serve` on PROJECT, saves `schools/gen-0001.yaml` with a new event topic three
times, and times each save until the reload event; the file is put back afterwards. Prints the
first build, the median save-to-reload time, what the server says it rebuilt, and its peak
memory (VmHWM).
"""

import re
import socket
import statistics
import subprocess
import sys
import threading
import time


def main() -> None:
    binary, root = sys.argv[1], sys.argv[2]
    school = f"{root}/schools/gen-0001.yaml"
    original = open(school, encoding="utf-8").read()
    server = subprocess.Popen([binary, "serve", "--root", root, "--port", "0"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    lines = []
    threading.Thread(target=lambda: lines.extend(server.stdout), daemon=True).start()
    try:
        deadline = time.time() + 600
        while not any("正在预览" in l for l in lines):
            if time.time() > deadline or server.poll() is not None:
                sys.exit("yuxin serve did not start: " + "".join(lines))
            time.sleep(0.05)
        startup = next(l.strip() for l in lines if "构建完成" in l)
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
        times = []
        for k in range(3):
            with open(school, "w", encoding="utf-8") as f:
                f.write(original.replace("陪孩子走过考试焦虑", f"陪孩子走过考试焦虑（第 {k} 次修改）"))
            saved = time.perf_counter()
            if next_event() != "reload":
                sys.exit("expected a reload")
            times.append((time.perf_counter() - saved) * 1000)
            time.sleep(0.3)
        rebuilt = [l.strip() for l in lines if re.match(r"\[\d+\]", l)]
        hwm = re.search(r"VmHWM:\s+(\d+) kB", open(f"/proc/{server.pid}/status").read())
        print(startup)
        print(f"one school's file saved → reload: median {statistics.median(times):.0f} ms")
        print(rebuilt[-1] if rebuilt else "(no rebuild line)")
        print(f"peak {int(hwm.group(1)) // 1024} MB" if hwm else "peak ?")
    finally:
        with open(school, "w", encoding="utf-8") as f:
            f.write(original)
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
