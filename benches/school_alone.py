#!/usr/bin/env python3
"""Checks a school's microsite copied alone (its folder and nothing else): every relative link
and source in its pages, and the search runtime, must be inside the copy.

    python3 benches/school_alone.py DIR

Prints "N pages, M links, K missing" and the first missing ones; exits 1 when any is missing.
"""

import os
import re
import sys
from urllib.parse import unquote

LINK = re.compile(r'(?:href|src)="([^"]*)"')


def main() -> None:
    root = os.path.realpath(sys.argv[1])
    pages = links = 0
    missing = []
    for folder, _, files in os.walk(root):
        for name in files:
            if not name.endswith(".html"):
                continue
            pages += 1
            path = os.path.join(folder, name)
            with open(path, encoding="utf-8") as f:
                html = f.read()
            for target in LINK.findall(html):
                if re.match(r"^[a-z]+:|^//|^#", target) or not target:
                    continue
                links += 1
                target = unquote(target.split("#")[0].split("?")[0])
                if target.startswith("/"):
                    # The 404 page links from the server's path: not checkable from a copy.
                    continue
                resolved = os.path.normpath(os.path.join(folder, target))
                if target.endswith("/") or os.path.isdir(resolved):
                    resolved = os.path.join(resolved, "index.html")
                if not resolved.startswith(root) or not os.path.isfile(resolved):
                    missing.append(f"{os.path.relpath(path, root)} → {target}")
    for needed in ["pagefind/pagefind.js", "pagefind/pagefind-entry.json", "static/search.js"]:
        if not os.path.isfile(os.path.join(root, needed)):
            missing.append(f"(search) {needed}")
    print(f"{pages} pages, {links} links, {len(missing)} missing", end="")
    for m in missing[:5]:
        print(f"\n  {m}", end="")
    sys.exit(1 if missing else 0)


if __name__ == "__main__":
    main()
