#!/usr/bin/env python3
"""Prints the HTML of the simple Markdown of the shared corpus (headings, paragraphs, bullet
and numbered lists, pipe tables, bold and italics, rules), for convert-corpus.sh to hand to
LibreOffice: a .docx made from it has Word headings, lists and tables, as a secretariat's
document would. Standard library only.

    python3 scripts/markdown-to-html.py FILE.md > FILE.html
"""
import html
import re
import sys


def inline(text):
    t = html.escape(text)
    t = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", t)
    t = re.sub(r"(?<![*\w])\*(?!\s)(.+?)(?<!\s)\*(?!\*)", r"<i>\1</i>", t)
    return t


def convert(lines):
    out, para, i = [], [], 0

    def flush():
        if para:
            out.append("<p>" + "<br>".join(inline(p) for p in para) + "</p>")
            para.clear()

    while i < len(lines):
        line = lines[i].rstrip("\n")
        s = line.strip()
        if not s or re.fullmatch(r"(-{3,}|\*{3,}|_{3,})", s):
            flush()
        elif m := re.match(r"(#{1,6})\s+(.*)", s):
            flush()
            n = len(m.group(1))
            out.append(f"<h{n}>{inline(m.group(2))}</h{n}>")
        elif s.startswith("|"):
            flush()
            rows = []
            while i < len(lines) and lines[i].strip().startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            out.append("<table border=\"1\">")
            for n, cells in enumerate(rows):
                tag = "th" if n == 0 else "td"
                out.append("<tr>" + "".join(f"<{tag}>{inline(c)}</{tag}>" for c in cells) + "</tr>")
            out.append("</table>")
            continue
        elif re.match(r"([-*+]|\d+[.)])\s+", s):
            flush()
            ordered = bool(re.match(r"\d", s))
            tag = "ol" if ordered else "ul"
            out.append(f"<{tag}>")
            while i < len(lines) and (m := re.match(r"\s*([-*+]|\d+[.)])\s+(.*)", lines[i])):
                out.append(f"<li>{inline(m.group(2))}</li>")
                i += 1
            out.append(f"</{tag}>")
            continue
        else:
            para.append(s)
        i += 1
    flush()
    return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head><body>\n" + "\n".join(out) + "\n</body></html>\n"


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as f:
        sys.stdout.write(convert(f.readlines()))
