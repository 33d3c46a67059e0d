"""Benchmark: parse the whole import corpus, then a 200-page PDF plan.

Floors: at least 20 corpus documents a second; the 200-page PDF in under 10 s.
Run: PYTHONPATH=src .venv/bin/python bench/plan_corpus.py [rounds]

The corpus is tests/plans/importers/corpus (text exports, Word files, PDFs, one scanned page that
is refused: a refusal counts as a document handled). The 200-page PDF is generated here with fpdf2
(DejaVu fonts, ruled table borders): an ND 30 header, a title, then a task table of Roman
sections and numbered rows with lead, partners and timeframe, repeated until 200 pages.
bench/plan_parse.py times the seed plan alone.
"""

from __future__ import annotations

import os
import platform
import statistics
import sys
import time
from pathlib import Path

from ttdn.plans.importers.names import KnownNames
from ttdn.plans.importers.parse import PlanReadError, parse_plan

CORPUS = Path(__file__).resolve().parent.parent / "tests/plans/importers/corpus"
FONTS = Path("/usr/share/fonts/truetype/dejavu")
DOCUMENTS_PER_SECOND_FLOOR = 20
BIG_PDF_SECONDS_FLOOR = 10.0
PAGES = 200

TOPICS = [
    ("Tuyên truyền về biên giới, chủ quyền lãnh thổ", "Bộ Chỉ huy Bộ đội Biên phòng tỉnh"),
    ("Quảng bá hình ảnh, tiềm năng du lịch", "Sở Văn hóa, Thể thao và Du lịch"),
    ("Xúc tiến đầu tư, thương mại", "Sở Kế hoạch và Đầu tư"),
    ("Quản lý phóng viên nước ngoài", "Sở Ngoại vụ"),
    ("Cơ sở dữ liệu quốc gia về thông tin đối ngoại", "Sở Thông tin và Truyền thông"),
]
TIMES = ["Quý I", "Quý II, III", "Tháng 9/2024", "Thường xuyên", "Trước 15/11", "Năm 2024"]
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]


def corpus_documents() -> list[tuple[str, bytes]]:
    suffixes = {".txt", ".docx", ".pdf"}
    return [(p.name, p.read_bytes()) for p in sorted(CORPUS.iterdir()) if p.suffix in suffixes]


def parse_once(name: str, data: bytes) -> str:
    try:
        plan = parse_plan(data, filename=name, known=KnownNames([]))
    except PlanReadError as exc:
        return f"refused ({str(exc)[:60]}…)"
    return f"{len(plan.tasks)} tasks"


def big_pdf(pages: int = PAGES) -> bytes:
    """A plan whose task table runs over ``pages`` pages (fpdf2, ruled borders)."""
    from fpdf import FPDF

    pdf = FPDF(unit="mm", format="A4")
    pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.set_font("DejaVu", size=10)
    pdf.add_page()
    for text in (
        "ỦY BAN NHÂN DÂN TỈNH LÀO CAI",
        "Số: 99/KH-UBND",
        "Lào Cai, ngày 10 tháng 01 năm 2024",
        "KẾ HOẠCH",
        "THÔNG TIN ĐỐI NGOẠI TỈNH LÀO CAI NĂM 2024",
        "I. NHIỆM VỤ",
    ):
        pdf.cell(0, 7, text, new_x="LMARGIN", new_y="NEXT", align="C")
    header = ("TT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian")
    section = 0
    while pdf.pages_count < pages:
        # fpdf2 lays a table out when its block ends: one table per section, the header repeated
        # as Word repeats it on every page.
        topic, lead = TOPICS[section % len(TOPICS)]
        with pdf.table(
            col_widths=(10, 70, 40, 45, 25), line_height=5, first_row_as_headings=True
        ) as table:
            table.row(header)
            table.row((ROMAN[section % len(ROMAN)], topic, "", "", ""))
            for number in range(1, 13):
                table.row(
                    (
                        str(number),
                        f"{topic}: hoạt động số {number} của nhóm {section + 1}, tổ chức tại "
                        "các huyện, thị xã, thành phố",
                        lead,
                        "Sở Ngoại vụ; Các sở, ban, ngành; UBND các huyện, thị xã, thành phố",
                        TIMES[(section + number) % len(TIMES)],
                    )
                )
        section += 1
    return bytes(pdf.output())


def main(rounds: int = 5) -> None:
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    documents = corpus_documents()
    for name, data in documents:
        print(f"  {name}: {parse_once(name, data)}")
    timings = []
    for _ in range(rounds):
        start = time.perf_counter()
        for name, data in documents:
            parse_once(name, data)
        timings.append(time.perf_counter() - start)
    rate = len(documents) / statistics.median(timings)
    verdict = "ok" if rate >= DOCUMENTS_PER_SECOND_FLOOR else "BELOW FLOOR"
    print(
        f"corpus: {len(documents)} documents, median {statistics.median(timings) * 1000:.0f} ms a "
        f"pass over {rounds} passes: {rate:.1f} documents/s "
        f"(floor {DOCUMENTS_PER_SECOND_FLOOR}: {verdict})"
    )
    start = time.perf_counter()
    data = big_pdf()
    made = time.perf_counter() - start
    start = time.perf_counter()
    outcome = parse_once("big.pdf", data)
    took = time.perf_counter() - start
    verdict = "ok" if took < BIG_PDF_SECONDS_FLOOR else "BELOW FLOOR"
    print(
        f"{PAGES}-page PDF ({len(data) / 1024:.0f} KiB, made in {made:.1f} s): parsed in "
        f"{took:.2f} s, {outcome} (floor {BIG_PDF_SECONDS_FLOOR:.0f} s: {verdict})"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
