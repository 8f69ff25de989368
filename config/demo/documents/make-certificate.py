#!/usr/bin/env python3
"""Writes certificate.pdf from certificate.txt, byte for byte the same on every run.

The text is set in STSong-Light, one of the CJK fonts every PDF reader has (not embedded), through
the predefined UniGB-UCS2-H encoding, so that text extraction (Tika, PDFBox) reads the Chinese back
without a font file in the repository. The document information dictionary and the XMP packet name
an author and a creator tool, the metadata the scanner must redact too.

    python3 make-certificate.py    # in this folder
"""
from pathlib import Path

HERE = Path(__file__).parent
lines = (HERE / "certificate.txt").read_text(encoding="utf-8").splitlines()


def utf16_hex(text):
    return "<" + text.encode("utf-16-be").hex().upper() + ">"


content = ["BT", "/F1 14 Tf", "18 TL", "60 780 Td"]
for line in lines:
    content.append(utf16_hex(line) + " Tj T*")
content.append("ET")
stream = "\n".join(content).encode("ascii")

xmp = ("<?xpacket begin=\"\ufeff\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>"
       "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
       "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">"
       "<dc:creator><rdf:Seq><rdf:li>卓玛</rdf:li></rdf:Seq></dc:creator>"
       "<xmp:CreatorTool>扎西的 WPS 文字</xmp:CreatorTool>"
       "</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end=\"w\"?>").encode("utf-8")


def pdf_text(text):
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


objects = [
    b"<< /Type /Catalog /Pages 2 0 R /Metadata 7 0 R >>",
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
    b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
    b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>",
    b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
    b"/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> "
    b"/FontDescriptor 8 0 R /DW 1000 >>",
    b"<< /Type /Metadata /Subtype /XML /Length " + str(len(xmp)).encode() + b" >>\nstream\n" + xmp + b"\nendstream",
    b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] "
    b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>",
    ("<< /Title " + pdf_text("户籍证明") + " /Author " + pdf_text("卓玛") + " /Creator " + pdf_text("扎西的 WPS 文字")
     + " /Producer (pdx-hub make-certificate.py) >>").encode("ascii"),
]

out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
offsets = []
for number, body in enumerate(objects, start=1):
    offsets.append(len(out))
    out += str(number).encode() + b" 0 obj\n" + body + b"\nendobj\n"
xref = len(out)
out += b"xref\n0 " + str(len(objects) + 1).encode() + b"\n0000000000 65535 f \n"
for offset in offsets:
    out += b"%010d 00000 n \n" % offset
out += (b"trailer\n<< /Size " + str(len(objects) + 1).encode() + b" /Root 1 0 R /Info 9 0 R >>\nstartxref\n"
        + str(xref).encode() + b"\n%%EOF\n")
(HERE / "certificate.pdf").write_bytes(bytes(out))
