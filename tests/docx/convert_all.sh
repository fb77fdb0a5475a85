#!/usr/bin/env bash
# Every shipped Word file opens in a real word processor: LibreOffice converts each .docx of a
# built site to PDF, and pdftotext finds in it the document's title and, for a plan, a step's
# name. Usage: tests/docx/convert_all.sh PUBLIC_DIR [SOFFICE]
set -euo pipefail
site="$1"
soffice="${2:-soffice}"
pdfs="$(mktemp -d)"
trap 'rm -rf "$pdfs"' EXIT
mapfile -t files < <(find "$site" -name '*.docx' | sort)
echo "${#files[@]} Word files"
test "${#files[@]}" -gt 0
# Many share a name (every kit has a jia-zhang-xin.docx): numbered copies, converted in one
# soffice run (starting it costs seconds), with a private profile so that a desktop
# session's LibreOffice is never touched.
mkdir "$pdfs/in"
for i in "${!files[@]}"; do cp "${files[$i]}" "$pdfs/in/$i.docx"; done
"$soffice" -env:UserInstallation="file://$pdfs/profile" --headless --convert-to pdf \
  --outdir "$pdfs" "$pdfs"/in/*.docx >/dev/null 2>&1 || true
# A part of a package, printed (python3's zipfile: no unzip needed).
part() { python3 -c 'import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())' "$1" "$2"; }
failed=0
for i in "${!files[@]}"; do
  docx="${files[$i]}"
  pdf="$pdfs/$i.pdf"
  if [ ! -s "$pdf" ]; then
    echo "did not convert: $docx"; failed=1; continue
  fi
  # -raw: the text in the order drawn, so a cell's wrapped lines stay together.
  text="$(pdftotext -raw "$pdf" - | tr -d ' \n')"
  # The title as the package's properties hold it (dc:title), spaces dropped like pdftotext's.
  title="$(part "$docx" docProps/core.xml | sed -n 's/.*<dc:title>\([^<]*\)<.*/\1/p' \
    | sed 's/&lt;/</g; s/&gt;/>/g; s/&quot;/"/g; s/&apos;/'"'"'/g; s/&amp;/\&/g' | tr -d ' ')"
  if [ -n "$title" ] && [[ "$text" != *"$title"* ]]; then
    echo "title「$title」not in the PDF of $docx"; failed=1
  fi
  # A plan's first step name: the first cell of the process table's second row.
  step="$(part "$docx" word/document.xml | python3 -c '
import re, sys
xml = sys.stdin.read()
tables = re.findall(r"<w:tbl>.*?</w:tbl>(?=<w:p)", xml, re.S)
for t in tables:
    if ">环节<" in t:
        rows = re.findall(r"<w:tr>.*?</w:tr>", t, re.S)
        if len(rows) > 1:
            cell = re.search(r"<w:tc>.*?</w:tc>", rows[1], re.S).group(0)
            import html
            print(html.unescape("".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", cell))).replace(" ", ""))
        break
')"
  if [ -n "$step" ] && [[ "$text" != *"$step"* ]]; then
    echo "step「$step」not in the PDF of $docx"; failed=1
  fi
done
exit "$failed"
