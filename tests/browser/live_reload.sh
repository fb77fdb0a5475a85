#!/usr/bin/env bash
# Headless Chromium: a page open in the browser follows the author's saves by itself.
# `yuxin serve` runs on a copy of the fixture project; Chromium opens a lesson page; the test
# reads the page's title through Chromium's DevTools HTTP endpoint (/json/list) while it
# edits the lesson: a new title (the page reloaded itself), then a broken front matter (the
# overlay marks the title), then the fix (the mark goes away). Every wait is bounded.
#
# Usage: tests/browser/live_reload.sh PATH/TO/yuxin
set -euo pipefail
cd "$(dirname "$0")/../.."

yuxin="$(realpath "${1:?usage: live_reload.sh PATH/TO/yuxin}")"
browser="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
[ -n "$browser" ] || { echo "live_reload: no chromium on PATH" >&2; exit 1; }

work="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  # Chromium's helper processes may still write into its profile for a moment after it is
  # killed: retry, and never let tidying up turn a passed test into a failure.
  for _ in 1 2 3 4 5; do
    rm -rf "$work" 2>/dev/null && return 0
    sleep 0.5
  done
  echo "live_reload: could not remove $work (left in place)" >&2
}
trap cleanup EXIT

cp -r tests/fixtures/good "$work/site"
lesson="$work/site/curricula/primary/developmental/adaptation/hello.md"

"$yuxin" serve --root "$work/site" --port 0 >"$work/serve.log" 2>&1 &
pids+=($!)

# wait_for DESCRIPTION COMMAND...: retries COMMAND for up to 60 s.
wait_for() {
  local what="$1"; shift
  for _ in $(seq 1 300); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.2
  done
  echo "live_reload: timed out waiting for $what" >&2
  echo "--- yuxin serve log"; cat "$work/serve.log" >&2
  exit 1
}

wait_for "yuxin serve to start" grep -q "正在预览：http://" "$work/serve.log"
url="$(grep -o 'http://[0-9.:]*/' "$work/serve.log" | head -1)"
page="${url}primary/developmental/adaptation/hello/"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"

"$browser" --headless --no-sandbox --disable-gpu --disable-background-networking \
  --no-first-run --user-data-dir="$work/profile" --remote-debugging-port="$port" \
  "$page" >"$work/chromium.log" 2>&1 &
pids+=($!)

# The title of the page open in the browser.
title() {
  curl -s "http://127.0.0.1:$port/json/list" | python3 -c '
import json, sys
pages = [t for t in json.load(sys.stdin) if t.get("type") == "page" and "/hello/" in t.get("url", "")]
print(pages[0]["title"] if pages else "")'
}
title_has() { title | grep -q -- "$1"; }
title_lacks() { ! title | grep -q -- "$1"; }

wait_for "the page to open" title_has "你好，新学校"
sleep 1 # let the page's event stream connect; a missed message is caught up on connect anyway

sed -i 's/^title: 你好，新学校$/title: 浏览器自己刷新了/' "$lesson"
wait_for "the page to reload with the new title" title_has "浏览器自己刷新了"

sed -i 's/^title: 浏览器自己刷新了$/title: [浏览器自己刷新了/' "$lesson"
wait_for "the overlay to mark the page" title_has "构建出错"

sed -i 's/^title: \[浏览器自己刷新了$/title: 改好了/' "$lesson"
wait_for "the page to reload without the overlay" title_has "改好了"
wait_for "the overlay mark to go" title_lacks "构建出错"

echo "live_reload: the page followed the edit, showed the error and recovered"
