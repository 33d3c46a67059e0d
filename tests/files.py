"""Real office files made in the tests: Word, Excel, PDF (hand-written, or by LibreOffice)."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

SOFFICE = shutil.which("soffice")
needs_soffice = pytest.mark.skipif(
    SOFFICE is None and os.environ.get("CI") != "true",
    reason="LibreOffice is not installed (make test installs it as root)",
)


def make_docx(*paragraphs: str, header: str = "") -> bytes:
    from docx import Document

    document = Document()
    if header:
        document.sections[0].header.paragraphs[0].text = header
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_xlsx(*rows: list[object]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)  # type: ignore[union-attr]
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def pdf_parts(*lines: str, padding: int = 0) -> tuple[bytes, int, bytes]:
    """A one-page PDF showing ``lines`` (Latin-1 text), cut around an unused stream of
    ``padding`` bytes: (what comes before the padding, its length, what comes after), so a
    large PDF can be streamed without ever being held whole."""
    shown = " 0 -16 Td ".join(
        "(" + line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") Tj"
        for line in lines
    )
    content = f"BT /F1 12 Tf 72 770 Td {shown} ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    head = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(head))
        head += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    offsets.append(len(head))
    head += b"6 0 obj\n<< /Length %d >>\nstream\n" % padding
    tail = b"\nendstream\nendobj\n"
    xref_at = len(head) + padding + len(tail)
    tail += b"xref\n0 7\n0000000000 65535 f \n"
    tail += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    tail += b"trailer\n<< /Size 7 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref_at
    return head, padding, tail


def make_pdf(*lines: str, padding: int = 0) -> bytes:
    head, size, tail = pdf_parts(*lines, padding=padding)
    return head + b"0" * size + tail


def to_pdf(docx: bytes) -> bytes:
    """The Word file as LibreOffice prints it to PDF (a real text layer, Vietnamese included)."""
    with tempfile.TemporaryDirectory(prefix="ttdn-pdf-") as folder:
        source = Path(folder) / "tai-lieu.docx"
        source.write_bytes(docx)
        subprocess.run(  # noqa: S603
            [
                str(SOFFICE),
                f"-env:UserInstallation=file://{folder}/profile",  # no clash with other runs
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                folder,
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        return (Path(folder) / "tai-lieu.pdf").read_bytes()
