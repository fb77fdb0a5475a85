#!/usr/bin/env bash
# Converts every .pptx of a built site to PDF with LibreOffice Impress and checks one page a
# slide (pdfinfo), as a teacher opening the file in Impress or WPS would see it.
# usage: convert_pptx.sh SITE_DIR [PDF_DIR]
set -euo pipefail
site="$1"
pdfs="${2:-$(mktemp -d)}"
mkdir -p "$pdfs"
# A profile of its own: a LibreOffice already open elsewhere would take the job otherwise.
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
mapfile -t files < <(find "$site" -name '*.pptx' | sort)
test "${#files[@]}" -gt 0
# Numbered copies: two lessons in different folders may share a file name.
copies=()
for i in "${!files[@]}"; do
  cp "${files[$i]}" "$profile/$i.pptx"
  copies+=("$profile/$i.pptx")
done
# One soffice run for all: starting it is most of the time.
soffice -env:UserInstallation="file://$profile/user" --headless --convert-to pdf --outdir "$pdfs" \
  "${copies[@]}" >/dev/null 2>&1
bad=0
for i in "${!files[@]}"; do
  f="${files[$i]}"
  name="$i"
  slides="$(unzip -p "$f" ppt/presentation.xml | grep -o '<p:sldId ' | wc -l)"
  pdf="$pdfs/$name.pdf"
  if [ ! -f "$pdf" ]; then
    echo "$f: LibreOffice made no PDF" >&2; bad=1; continue
  fi
  pages="$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')"
  if [ "$pages" != "$slides" ]; then
    echo "$f: $pages PDF pages for $slides slides" >&2; bad=1
  fi
done
echo "${#files[@]} .pptx converted by LibreOffice, one page a slide"
exit "$bad"
