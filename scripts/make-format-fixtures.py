#!/usr/bin/env python3
"""Writes the test fixtures of the PDF, .doc, RTF and OCR readers into the folder given
(default: a folder named format-fixtures here), from nothing but Python's standard library,
so no fixture is downloaded. Run by Tests/RelatoriaReadersTests (FormatReaderTests) at test
time; run it by hand to look at the files:

    python3 scripts/make-format-fixtures.py /tmp/fixtures

Good files: english.pdf (one page of minutes in English), text.pdf (two pages, running header and footer, page numbers, a hyphenated line
end, a heading in a larger bold font, a list, a table), scan.png (drawn with no font: see
below), minutes.rtf. Bad files, each of which must be refused with a one-line reason:
encrypted.pdf, huge-page.pdf, loop.pdf, truncated.pdf, blank-5000.pdf, huge.png,
really-html.doc (an HTML page named .doc), nested.rtf, random.pdf.
"""
import os
import random
import struct
import sys
import zlib


def pdf(objects, trailer_extra=b"", header=b"%PDF-1.4\n"):
    """A PDF from a list of object bodies (bytes), object 1 being the catalog."""
    out = bytearray(header + b"%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for o in offsets:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root 1 0 R " % (len(objects) + 1) + trailer_extra + b">>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def stream(data, extra=b""):
    return b"<< /Length %d " % len(data) + extra + b">>\nstream\n" + data + b"\nendstream"


def text_page_content(lines):
    """Content stream drawing (font, size, x, y, text) lines; text in WinAnsi (Latin-1 here)."""
    ops = []
    for font, size, x, y, text in lines:
        t = text.encode("cp1252").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
        ops.append(b"BT /%s %d Tf %d %d Td (%s) Tj ET" % (font.encode(), size, x, y, t))
    return b"\n".join(ops)


def text_pdf():
    body = [
        # page 1
        [("F2", 18, 72, 720, "Acta de la reunión del Comité de Prueba"),
         ("F1", 11, 72, 690, "Fecha: 14 de marzo de 2006"),
         ("F1", 11, 72, 660, "La reunión comenzó a las nueve con la lectura del acta anterior, que fue apro-"),
         ("F1", 11, 72, 646, "bada por todos los presentes sin observaciones de ninguna de las partes que"),
         ("F1", 11, 72, 632, "asistieron a la sesión ordinaria del comité."),
         ("F2", 14, 72, 600, "Asistentes"),
         ("F2", 11, 72, 580, "Nombre"), ("F2", 11, 260, 580, "Entidad"),
         ("F1", 11, 72, 566, "María Gómez"), ("F1", 11, 260, 566, "Embajada de Suecia"),
         ("F1", 11, 72, 552, "Juan Pérez"), ("F1", 11, 260, 552, "Acción Social"),
         ("F1", 11, 72, 520, "Los delegados discutieron el plan de trabajo y la agenda de la próxima sesión,"),
         ("F1", 11, 72, 506, "y la Secretaría presentó el informe de actividades del semestre que termina, en el")],
        # page 2
        [("F1", 11, 72, 720, "cual se recogen los avances de los bloques temáticos."),
         ("F2", 14, 72, 690, "Acuerdos"),
         ("F1", 11, 72, 670, "1. Aprobar el acta de la reunión anterior."),
         ("F1", 11, 72, 656, "2. Enviar el informe a los miembros antes del 31 de marzo de 2006.")],
    ]
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", None,
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>"]
    kids = []
    for n, lines in enumerate(body, start=1):
        furniture = [("F1", 9, 72, 770, "Comité de Prueba - documento de trabajo"), ("F1", 9, 290, 40, "Página %d de 2" % n)]
        objs.append(stream(text_page_content(lines + furniture)))
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents %d 0 R >>" % (len(objs)))
        kids.append(len(objs))
    objs[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    info = len(objs) + 1
    objs.append(b"<< /Title (Propiedad de titulo) /CreationDate (D:20260101120000Z) >>")
    return pdf(objs, b"/Info %d 0 R " % info)


def english_pdf():
    """One page of minutes in English naming Spanish people and places, as a secretariat in
    Bogotá writes them: OCR's first pass must find English (test of ocr.languages: auto)."""
    lines = [("F2", 18, 72, 720, "Minutes of the meeting of the Working Group"),
             ("F1", 11, 72, 690, "Date: 14 March 2006"),
             ("F1", 11, 72, 660, "The meeting was opened by the chair, who welcomed the delegations of the"),
             ("F1", 11, 72, 646, "members and thanked the Embassy of Sweden for the use of its room in Bogotá."),
             ("F1", 11, 72, 632, "The minutes of the previous meeting were approved with the changes that"),
             ("F1", 11, 72, 618, "were proposed by the Secretariat, and the agenda was adopted as it stood."),
             ("F2", 14, 72, 590, "Decisions"),
             ("F1", 11, 72, 570, "1. The group will send its report to the members by the end of the month."),
             ("F1", 11, 72, 556, "2. María Gómez will prepare the draft of the work plan for the next year.")]
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [6 0 R] /Count 1 >>",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
            stream(text_page_content(lines)),
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents 5 0 R >>"]
    return pdf(objs)


def blank_pdf(pages, size=(612, 792)):
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", None, stream(b"")]
    kids = []
    for _ in range(pages):
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents 3 0 R >>" % size)
        kids.append(len(objs))
    objs[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    return pdf(objs)


def encrypted_pdf():
    # Standard security handler, revision 2, with a user password we do not give: /U does
    # not match the empty password, so a reader must ask for one.
    rnd = random.Random(19)
    o = bytes(rnd.randrange(256) for _ in range(32))
    u = bytes(rnd.randrange(256) for _ in range(32))
    doc_id = bytes(rnd.randrange(256) for _ in range(16))
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>", stream(b"\x13\x37" * 20),
            b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P -44 >>" % (o.hex().encode(), u.hex().encode())]
    return pdf(objs, b"/Encrypt 5 0 R /ID [<%s> <%s>] " % (doc_id.hex().encode(), doc_id.hex().encode()))


def loop_pdf():
    # A PDF 1.5 object stream that extends itself, holding a page tree whose kid is itself.
    inner = b"2 0 "
    objects = b"<< /Type /Pages /Kids [2 0 R] /Count 1 /Parent 2 0 R >>"
    data = inner + objects
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", None,
            stream(data, b"/Type /ObjStm /N 1 /First %d /Extends 3 0 R " % len(inner))]
    objs[1] = b"<< /Type /Pages /Kids [2 0 R] /Count 1 /Parent 2 0 R >>"
    return pdf(objs, header=b"%PDF-1.5\n")


def png(width, height, rows):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1-bit greyscale
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")


def huge_png():
    side = 30_000
    row = b"\x00" + b"\xff" * ((side + 7) // 8)  # white
    z = zlib.compressobj(9)
    data = bytearray()
    for _ in range(side):
        data += z.compress(row)
    data += z.flush()
    return png(side, side, bytes(data))


def rtf():
    return (r"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0 Times New Roman;}}"
            r"{\stylesheet{\s0 Normal;}{\s1\b\fs32 heading 1;}}"
            r"{\info{\title Propiedad}{\creatim\yr2026\mo1\dy2\hr3\min4}}"
            r"{\header\pard Comit\'e9 de Prueba\par}"
            "\n" r"\pard\s1\b Acta de la reuni\'f3n\b0\par"
            r"\pard Fecha: 14 de marzo de 2006\par"
            r"\pard La sesi\u243?n se abri\'f3 {\b con} qu\'f3rum.\par"
            r"\trowd\cellx3000\cellx6000\pard\intbl\b Nombre\cell Entidad\cell\b0\row"
            r"\trowd\cellx3000\cellx6000\pard\intbl Mar\'eda G\'f3mez\cell Embajada de Suecia\cell\row"
            r"\pard{\listtext 1.\tab}\ls1 Aprobar el acta.\par"
            r"\pard{\listtext 2.\tab}\ls1 Enviar el informe.\par"
            r"{\*\generator Prueba;}{\pict\pngblip 89504e47}}")


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else "format-fixtures"
    os.makedirs(folder, exist_ok=True)
    good = text_pdf()
    files = {
        "text.pdf": good,
        "english.pdf": english_pdf(),
        "minutes.rtf": rtf().encode("ascii"),
        "encrypted.pdf": encrypted_pdf(),
        "huge-page.pdf": blank_pdf(1, (20_000, 20_000)),
        "loop.pdf": loop_pdf(),
        "truncated.pdf": good[: len(good) // 2],
        "blank-5000.pdf": blank_pdf(5_000),
        "huge.png": huge_png(),
        "really-html.doc": b"<html><head><title>Acta</title></head><body><h1>Acta de la sesi\xc3\xb3n</h1>"
                           b"<p>Fecha: 14 de marzo de 2006</p></body></html>",
        "nested.rtf": b"{\\rtf1 " + b"{" * 10_000 + b"x" + b"}" * 10_000 + b"}",
        "random.pdf": bytes(random.Random(7).randrange(256) for _ in range(8192)),
    }
    for name, data in files.items():
        with open(os.path.join(folder, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
