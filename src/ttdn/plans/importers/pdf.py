"""Reader of PDF plans (exported from Word, or scanned with an OCR text layer), with pdfplumber.

Body text outside tables becomes one paragraph per text line, in reading order, numbered across
pages (``unwrap`` joins hard-wrapped lines later); the two columns of a Decree 30 header come as
one line, side by side. Page furniture is dropped: a line that is only a page number ("3",
"- 3 -", "Trang 3", "3/12") and a line repeated at the top or foot of most pages. Ruled tables
go to ``tables.task_table``: a cell under a vertical merge (pdfplumber gives None) is a merged
cell; a row whose only cell is its first (a merged section row) is a heading. A task table that
continues over the next pages (same number of columns, its header repeated or not) is one table.

Refused, with one line saying why: a page without a text layer (a scan), a file that needs a
password, a broken or truncated file, more than ``MAX_PAGES`` pages, text in the TCVN3 or VNI
legacy font encodings, and a page or stream too large to read safely (the work per page is
bounded, so a hostile file cannot hold the server).
"""

from __future__ import annotations

import bisect
import io
import itertools
import re
import time
import unicodedata
import zlib
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from pdfminer.layout import LTChar, LTItem, LTPage
from pdfminer.pdfdocument import PDFDocument, PDFPasswordIncorrect
from pdfminer.pdfinterp import PDFPageInterpreter, PDFStackT
from pdfminer.pdfpage import PDFPage
from pdfminer.pdftypes import LITERALS_FLATE_DECODE, PDFStream, resolve1
from pdfplumber._typing import T_bbox
from pdfplumber.page import Page, PDFPageAggregatorWithMarkedContent
from pdfplumber.pdf import PDF
from pdfplumber.table import Table
from pdfplumber.utils.exceptions import PdfminerException
from pdfplumber.utils.text import extract_text

from ttdn.plans.importers.encoding import legacy_encoding
from ttdn.plans.importers.raw import RawCell, RawDocument
from ttdn.plans.importers.tables import task_table

MAX_PAGES = 1000
# The work is bounded (pdfminer interprets ~100,000 drawing operators a second here): a hostile
# file is refused within seconds, naming what is too large, and never holds a server process.
MAX_OBJECTS = 200_000  # indirect objects in the file: a Word export of 200 pages has ~3,000
MAX_STREAM = 32 * 1024 * 1024  # one stream, unpacked (a page's text is a few KiB)
MAX_DRAWN = 20_000  # characters, paths and images drawn on one page (a dense page: ~5,000)
MAX_PAGE_BYTES = 1024 * 1024  # drawing instructions of one page, forms included (~50 KiB)
MAX_FORMS = 2_000  # form XObjects invoked by one page
MAX_SECONDS = 60.0  # the whole file (200 pages read in a few seconds)
MIN_TEXT = 20  # a page with fewer characters than this under a page-sized image is a scan
STAMP_GAP = 12  # points between two runs of text on one line (a word space is ~3)
BAND = 0.1  # the top and foot tenth of a page, where page numbers and running heads stand

_PAGE_NUMBER = re.compile(
    r"^(?:[-–—]\s*)?(?:(?:trang|page)\s*)?\d{1,4}(?:\s*/\s*\d{1,4})?(?:\s*[-–—])?$", re.I
)
_NEW_LINE_IN_CELL = re.compile(r"^(?:[-–—+•*]\s|(?:đơn vị\s+)?(?:chủ trì|phối hợp)\b)", re.I)


class PdfError(ValueError):
    """The PDF cannot be read as a plan. ``code`` and ``params`` let the caller say it in the
    user's language; the message is plain English."""

    def __init__(self, code: str, message: str, **params: str) -> None:
        super().__init__(message)
        self.code = code
        self.params = params


class _TooMuchError(Exception):
    """A page draws or interprets more than a plan page ever does."""

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what


class _CountingDevice(PDFPageAggregatorWithMarkedContent):
    """pdfplumber's layout device, counting what a page draws and how much it interprets."""

    drawn = 0
    forms = 0
    interpreted = 0
    deadline = 0.0

    def _count(self) -> None:
        self.drawn += 1
        if self.drawn > MAX_DRAWN:
            raise _TooMuchError(f"draws over {MAX_DRAWN:,} objects")
        if self.drawn % 1000 == 0:
            self.check_time()

    def check_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise _TooMuchError(f"is still being read after {MAX_SECONDS:.0f} seconds")

    def render_char(self, *args: Any, **kwargs: Any) -> float:
        self._count()
        return super().render_char(*args, **kwargs)

    def render_image(self, *args: Any, **kwargs: Any) -> None:
        self._count()
        super().render_image(*args, **kwargs)

    def paint_path(self, *args: Any, **kwargs: Any) -> None:
        self._count()
        super().paint_path(*args, **kwargs)


class _BoundedInterpreter(PDFPageInterpreter):
    """Counts the bytes of content a page interprets and the forms it invokes."""

    def execute(self, streams: Any) -> None:
        device = self.device
        assert isinstance(device, _CountingDevice)  # noqa: S101 (set up in _BoundedPage)
        for obj in streams:
            stream = resolve1(obj)
            if isinstance(stream, PDFStream):
                device.interpreted += len(stream.get_data())
        if device.interpreted > MAX_PAGE_BYTES:
            raise _TooMuchError(f"holds over {MAX_PAGE_BYTES // 2**20} MB of drawing instructions")
        device.check_time()
        super().execute(streams)

    def do_Do(self, xobjid_arg: PDFStackT) -> None:  # noqa: N802 (pdfminer's operator name)
        device = self.device
        assert isinstance(device, _CountingDevice)  # noqa: S101
        device.forms += 1
        if device.forms > MAX_FORMS:
            raise _TooMuchError(f"invokes over {MAX_FORMS:,} drawings")
        super().do_Do(xobjid_arg)


class _BoundedPage(Page):
    """A pdfplumber page whose layout is made by the counting device and interpreter."""

    deadline = 0.0

    @property
    def layout(self) -> LTPage:
        if hasattr(self, "_layout"):
            return self._layout
        device = _CountingDevice(
            self.pdf.rsrcmgr, pageno=self.page_number, laparams=self.pdf.laparams
        )
        device.deadline = self.deadline
        _BoundedInterpreter(self.pdf.rsrcmgr, device).process_page(self.page_obj)
        self._layout: LTPage = device.get_result()
        return self._layout

    def process_object(self, obj: LTItem) -> dict[str, Any]:
        """A character as pdfplumber describes it, made directly: pdfplumber's own way resolves
        every attribute of every character and was half the reading time (docs/plans/import.md).
        Colours are left out (nothing here reads them); other objects go the usual way."""
        if not isinstance(obj, LTChar):
            return super().process_object(obj)
        mb_x0, mb_top = self.mediabox[0], self.mediabox[1]
        top = float(self.height) - obj.y1 + float(mb_top)
        bottom = float(self.height) - obj.y0 + float(mb_top)
        return {
            "object_type": "char",
            "page_number": self.page_number,
            "text": obj.get_text(),
            "fontname": obj.fontname,
            "size": obj.size,
            "adv": obj.adv,
            "upright": obj.upright,
            "matrix": obj.matrix,
            "x0": obj.x0 + float(mb_x0),
            "x1": obj.x1 + float(mb_x0),
            "y0": obj.y0,
            "y1": obj.y1,
            "width": obj.width,
            "height": obj.height,
            "top": top,
            "bottom": bottom,
            "doctop": float(self.initial_doctop) + top,
        }


@dataclass
class _Table:
    columns: int
    rows: list[tuple[int, list[RawCell]]]
    header: list[str]
    last_page: int


@dataclass
class _Reader:
    raw: RawDocument = field(default_factory=RawDocument)
    line: int = 0
    table: _Table | None = None  # the task table being read (it may go on over pages)
    table_done: bool = False
    table_at: int | None = None  # the line number of the task table's first row
    scanned: list[int] = field(default_factory=list)


@dataclass
class _Line:
    number: int
    text: str
    band: int  # -1 in the page's top band, 1 in its foot band, 0 in between
    x0: float = 0.0
    x1: float = 0.0


def read_pdf(data: bytes) -> RawDocument:
    """The body paragraphs, the task table and every text of a PDF; PdfError when unreadable."""
    try:
        pdf = PDF(io.BytesIO(data))
    except PdfminerException as exc:
        raise _open_error(exc) from None
    deadline = time.monotonic() + MAX_SECONDS
    document = pdf.doc
    _check_streams(document)
    reader = _Reader()
    pages: list[list[_Line]] = []
    try:
        for number, page_obj in enumerate(PDFPage.create_pages(document), start=1):
            if number > MAX_PAGES:
                raise PdfError(
                    "too_many_pages",
                    f"the PDF has over {MAX_PAGES:,} pages: a plan has far fewer",
                    limit=f"{MAX_PAGES:,}",
                )
            page = _BoundedPage(pdf, page_obj, page_number=number)
            page.deadline = deadline
            try:
                pages.append(_read_page(page, number, reader))
            except _TooMuchError as exc:
                raise PdfError(
                    "too_complex",
                    f"page {number} {exc.what}: it is not a plan's page, or the file is damaged",
                    page=str(number),
                ) from None
            finally:
                page.close()
    except PdfError:
        raise
    except Exception as exc:  # pdfminer raises many unrelated types for a damaged file
        raise PdfError(
            "broken", f"the PDF is damaged or truncated ({type(exc).__name__}): it cannot be read"
        ) from None
    if not pages:
        raise PdfError("broken", "the PDF has no pages")
    if reader.scanned:
        first, count = reader.scanned[0], len(reader.scanned)
        raise PdfError(
            "scanned",
            f"page {first} has no text layer ({count} of {len(pages)} pages): it is a scanned "
            "image; ttdn reads PDFs exported from Word or with OCR text",
            page=str(first),
            count=str(count),
            pages=str(len(pages)),
        )
    _finish_table(reader)
    _body(pages, reader)
    return reader.raw


def _open_error(exc: PdfminerException) -> PdfError:
    cause = exc.args[0] if exc.args else None
    if isinstance(cause, PDFPasswordIncorrect):
        return PdfError(
            "encrypted",
            "the PDF is protected by a password: save it again without one, then upload it",
        )
    return PdfError(
        "broken",
        f"the PDF is damaged or truncated ({type(cause).__name__}): it cannot be read",
    )


def _check_streams(document: PDFDocument) -> None:
    """Refuse a file with more objects than any plan, or a stream that unpacks past the limit
    (a decompression bomb), before pdfminer unpacks anything whole."""
    seen = 0
    for xref in document.xrefs:
        for objid in xref.get_objids():
            seen += 1
            if seen > MAX_OBJECTS:
                raise PdfError(
                    "too_complex",
                    f"the PDF holds over {MAX_OBJECTS:,} objects: it is not a plan, or damaged",
                    page="",
                )
            try:
                obj = document.getobj(objid)
            except Exception:  # noqa: S112 (a damaged object: pdfminer skips it too)
                continue
            if isinstance(obj, PDFStream) and obj.rawdata is not None:
                _check_stream(obj)


def _check_stream(stream: PDFStream) -> None:
    filters = stream.get_filters()
    if not filters or filters[0][0] not in LITERALS_FLATE_DECODE:
        return
    data = stream.rawdata or b""
    if stream.decipher and stream.objid is not None and stream.genno is not None:
        data = stream.decipher(stream.objid, stream.genno, data, stream.attrs)
    inflater = zlib.decompressobj()
    try:
        inflater.decompress(data, MAX_STREAM)
    except zlib.error:
        return  # pdfminer reads what it can of a damaged stream
    if inflater.unconsumed_tail:
        raise PdfError(
            "too_complex",
            f"a stream of the PDF unpacks to over {MAX_STREAM // 2**20} MB: refused",
            page="",
        )


def _read_page(page: Page, number: int, reader: _Reader) -> list[_Line]:
    """The page's text lines outside its tables, numbered in reading order with the rows of its
    tables (which go to the reader). A page without a text layer is recorded as scanned."""
    chars = page.chars
    if _is_scan(page, chars):
        reader.scanned.append(number)
        return []
    if reader.scanned:
        return []  # the file is refused: do not read on
    tables = page.find_tables() if page.edges else []
    boxes = [table.bbox for table in tables]
    body = page.filter(lambda obj: obj.get("object_type") != "char" or not _inside(obj, boxes))
    height = float(page.height)
    items: list[tuple[float, _Line | list[list[RawCell]]]] = []
    for found in body.extract_text_lines(return_chars=False):
        text = unicodedata.normalize("NFC", " ".join(str(found["text"]).split()))
        if not text:
            continue
        top, bottom = float(found["top"]), float(found["bottom"])
        band = -1 if bottom < height * BAND else 1 if top > height * (1 - BAND) else 0
        line = _Line(0, text, band, float(found["x0"]), float(found["x1"]))
        items.append((top, line))
    for table in tables:
        items.append((float(table.bbox[1]), _table_rows(_extract(table, page.chars))))
    items.sort(key=lambda item: item[0])
    texts = [
        text
        for _top, item in items
        for text in (
            [item.text] if isinstance(item, _Line) else [c.text for row in item for c in row]
        )
        if text
    ]
    found_encoding = legacy_encoding("\n".join(texts))
    if found_encoding is not None:
        raise PdfError(
            "legacy_encoding",
            f"the text of page {number} is in the {found_encoding} legacy font encoding: "
            "convert the document to Unicode (for example with Unikey's converter), export it "
            "to PDF again and upload it",
            encoding=found_encoding,
            page=str(number),
        )
    if number == 1:
        # A stamp may stand beside other text ("Số: 88/KH-UBND      MẬT"): on the first page,
        # each run of text set apart by a wide gap is also a line where a stamp may stand.
        phrases = body.extract_words(keep_blank_chars=True, x_tolerance=STAMP_GAP)
        reader.raw.stamps.extend(
            unicodedata.normalize("NFC", " ".join(str(phrase["text"]).split()))
            for phrase in phrases
        )
    reader.raw.stamps.extend(texts)
    lines: list[_Line] = []
    for _top, item in items:
        if isinstance(item, _Line):
            reader.line += 1
            item.number = reader.line
            lines.append(item)
        else:
            _table(item, number, reader)
    return lines


def _is_scan(page: Page, chars: list[dict[str, Any]]) -> bool:
    """No text on a page that shows something (an image, drawn shapes), or a page-sized image
    with a handful of characters on it (a page number stamped on a scan)."""
    printed = sum(1 for char in chars if str(char.get("text", "")).strip())
    if printed == 0:
        return bool(page.images or page.curves)
    if printed >= MIN_TEXT:
        return False
    area = float(page.width * page.height) or 1.0
    covered = max(
        (float(image["width"]) * float(image["height"]) for image in page.images), default=0.0
    )
    return covered / area > 0.5


def _inside(obj: dict[str, Any], boxes: list[tuple[float, float, float, float]]) -> bool:
    x = (float(obj["x0"]) + float(obj["x1"])) / 2
    y = (float(obj["top"]) + float(obj["bottom"])) / 2
    return any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)


def _extract(table: Table, chars: list[dict[str, Any]]) -> list[list[str | None]]:
    """``table.extract()``, the same text, in one pass over the characters: each goes to the
    cell under its middle, found by bisection in the table's grid (pdfplumber tests every
    character against every row, a quarter of the reading time of a long table)."""
    rows = table.rows
    cells = [cell for row in rows for cell in row.cells if cell is not None]
    xs = sorted({c[0] for c in cells} | {c[2] for c in cells})
    ys = sorted({c[1] for c in cells} | {c[3] for c in cells})
    x_at = {x: index for index, x in enumerate(xs)}
    y_at = {y: index for index, y in enumerate(ys)}
    slots: dict[tuple[int, int], T_bbox] = {}
    for cell in cells:
        for i in range(x_at[cell[0]], x_at[cell[2]]):
            for j in range(y_at[cell[1]], y_at[cell[3]]):
                slots[(i, j)] = cell
    inside: dict[T_bbox, list[dict[str, Any]]] = {}
    for char in chars:
        i = bisect.bisect_right(xs, (char["x0"] + char["x1"]) / 2) - 1
        j = bisect.bisect_right(ys, (char["top"] + char["bottom"]) / 2) - 1
        found = slots.get((i, j)) if i >= 0 and j >= 0 else None
        if found is not None:
            inside.setdefault(found, []).append(char)
    return [
        [
            None if cell is None else extract_text(inside[cell]) if cell in inside else ""
            for cell in row.cells
        ]
        for row in rows
    ]


def _cell_text(text: str | None) -> str:
    """A cell's lines joined: a wrapped line with a space, a new item ("- …", "Phối hợp: …")
    or a line after a full stop on a line of its own."""
    if not text:
        return ""
    out = ""
    for line in text.split("\n"):
        line = " ".join(line.split())
        if not line:
            continue
        if out and (_NEW_LINE_IN_CELL.match(line) or out.endswith((".", ";", ":"))):
            out += "\n" + line
        else:
            out = f"{out} {line}" if out else line
    return unicodedata.normalize("NFC", out)


def _table_rows(extracted: list[list[str | None]]) -> list[list[RawCell]]:
    rows: list[list[RawCell]] = []
    for row in extracted:
        if len(row) > 1 and row[0] and all(cell is None for cell in row[1:]):
            # One cell across the row: a section heading, its other cells blank (not merged).
            rows.append([RawCell(_cell_text(row[0])), *(RawCell("") for _ in row[1:])])
            continue
        rows.append(
            [
                RawCell("", merged=True) if cell is None else RawCell(_cell_text(cell))
                for cell in row
            ]
        )
    return rows


def _table(rows: list[list[RawCell]], page: int, reader: _Reader) -> None:
    """A table of this page: the task table's start, its continuation, or another table."""
    current = reader.table
    texts = [[cell.text for cell in row] for row in rows]
    if (
        current is not None
        and not reader.table_done
        and rows
        and len(rows[0]) == current.columns
        and page == current.last_page + 1
    ):
        if texts and _same(texts[0], current.header):
            rows = rows[1:]  # the header repeated on the new page
        if rows and not rows[0][0].text and not rows[0][0].merged and current.rows:
            # A row broken across the page: its second part goes on in the row above.
            _number, above = current.rows[-1]
            for index, cell in enumerate(rows[0][: len(above)]):
                if cell.text:
                    joined = f"{above[index].text} {cell.text}".strip()
                    above[index] = RawCell(joined)
            rows = rows[1:]
        if rows and current.rows:
            # A cell merged down over the page break is drawn again, empty, on the new page:
            # an empty cell under a merged one goes on with the merge.
            _number, above = current.rows[-1]
            rows[0] = [
                RawCell("", merged=True)
                if index and not cell.text and index < len(above) and above[index].merged
                else cell
                for index, cell in enumerate(rows[0])
            ]
        for row in rows:
            reader.line += 1
            current.rows.append((reader.line, row))
        current.last_page = page
        return
    if current is not None:
        _finish_table(reader)
    numbered: list[tuple[int, list[RawCell]]] = []
    for row in rows:
        reader.line += 1
        numbered.append((reader.line, row))
    if not reader.table_done and task_table(numbered) is not None:
        header = next((t for t in texts if any(t)), [])
        reader.table = _Table(len(rows[0]), numbered, header, page)


def _same(one: list[str], other: list[str]) -> bool:
    return [" ".join(t.split()).lower() for t in one] == [
        " ".join(t.split()).lower() for t in other
    ]


def _finish_table(reader: _Reader) -> None:
    if reader.table is None or reader.table_done:
        return
    task_rows = task_table(reader.table.rows)
    if task_rows is not None:
        reader.raw.rows.extend(task_rows)
        reader.table_done = True
        reader.table_at = reader.table.rows[0][0]
    reader.table = None


def _body(pages: list[list[_Line]], reader: _Reader) -> None:
    """Page furniture out; the rest, in order, to the body or (after the task table) the
    appendix."""
    bands: Counter[str] = Counter()
    for lines in pages:
        bands.update({_blank_digits(line.text) for line in lines if line.band})
    repeated = {text for text, count in bands.items() if count >= max(2, (len(pages) + 1) // 2)}
    raw = reader.raw
    raw.full_lines = set()
    in_appendix = False
    kept = [
        [
            line
            for line in lines
            if not (
                line.band
                and (_PAGE_NUMBER.match(line.text) or _blank_digits(line.text) in repeated)
            )
        ]
        for lines in pages
    ]
    _mark_full_lines(kept, raw.full_lines)
    for lines in kept:
        for line in lines:
            in_appendix = in_appendix or line.text.upper().startswith("PHỤ LỤC")
            after_table = reader.table_at is not None and line.number > reader.table_at
            target = raw.appendix if in_appendix or after_table else raw.paragraphs
            target.append((line.number, line.text))


def _mark_full_lines(pages: list[list[_Line]], full: set[int]) -> None:
    """The lines that reach the right margin: the next line's first word would not have fitted
    after them, so the line was cut by the page, not ended by the writer. Measured in points,
    not characters, so a proportional font does not fool it (``unwrap`` reads the set)."""
    ordered: list[tuple[_Line, float]] = []
    for lines in pages:
        body = [line for line in lines if not line.band] or lines
        right = max((line.x1 for line in body), default=0.0)
        ordered.extend((line, right) for line in lines)
    for (line, right), (following, _right) in itertools.pairwise(ordered):
        char_width = (line.x1 - line.x0) / max(len(line.text), 1)
        word = following.text.split(" ", 1)[0]
        if right - line.x1 < (len(word) + 1.5) * char_width:
            full.add(line.number)


def _blank_digits(text: str) -> str:
    return re.sub(r"\d+", "#", text.lower())
