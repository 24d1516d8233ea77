#!/usr/bin/env bash
# Converts ten documents of the shared corpus into every format Relatoría reads besides its
# own: each document as .docx (LibreOffice headless, for the ones that are not .docx; Markdown
# first made HTML by markdown-to-html.py, so its headings, lists and tables become Word's), then that
# .docx as Word 97-2003 .doc, .rtf and PDF (LibreOffice headless), and the PDF as a 300-dpi
# greyscale scan (pdftoppm, then img2pdf), so FormatEquivalenceTests can check that every
# version gives the same record.
#
#   bash scripts/convert-corpus.sh ../shared/corpus OUT
#
# Needs libreoffice-writer-nogui, poppler-utils and img2pdf. A file already converted is kept.
set -euo pipefail
corpus=${1:?corpus folder}
out=${2:?output folder}
mkdir -p "$out"
docs=(12-acta-bloque-desplazamiento.docx 13-acta-bloque-bosques.docx 14-acta-gt-comunidades-en-riesgo.docx
      15-secretariat-report.docx 16-declaracion-comision-seguimiento.docx 23-g24-minutes.html
      24-acta-bloque-programas-regionales.html 09-acta-gt-recomendaciones-oacnudh.md
      10-g24-statement-defenders.md 11-agenda-instancia-coordinacion-pnaddhh.md)
profile="$out/.lo-profile"
lo() { soffice -env:UserInstallation="file://$profile" --headless --convert-to "$@" >/dev/null 2>&1; }
for doc in "${docs[@]}"; do
  base=${doc%.*}
  src="$corpus/$doc"
  [[ -f $src ]] || { echo "convert-corpus: $src missing" >&2; exit 66; }
  if [[ ! -s $out/$base.docx ]]; then
    case $doc in
      *.docx) cp "$src" "$out/$base.docx" ;;
      *.html) lo "docx:MS Word 2007 XML" --infilter=HTML\ \(StarWriter\) --outdir "$out" "$src" ;;
      *.md) python3 "$(dirname "$0")/markdown-to-html.py" "$src" > "$out/$base.html"
            lo "docx:MS Word 2007 XML" --infilter=HTML\ \(StarWriter\) --outdir "$out" "$out/$base.html"; rm -f "$out/$base.html" ;;
      *) echo "convert-corpus: no conversion for $doc" >&2; exit 64 ;;
    esac
  fi
  for fmt in doc rtf pdf; do
    [[ -s $out/$base.$fmt ]] || lo "$fmt" --outdir "$out" "$out/$base.docx"
  done
  if [[ ! -s $out/$base.scan.pdf ]]; then
    tmp=$(mktemp -d)
    pdftoppm -r 300 -gray -png "$out/$base.pdf" "$tmp/page"
    img2pdf "$tmp"/page-*.png -o "$out/$base.scan.pdf"
    rm -rf "$tmp"
  fi
  echo "converted $doc"
done
