"""Benchmark: parse the seed plan (floor: 200 ms) and a 200-page PDF plan (floor: 10 s).

Run: .venv/bin/python bench/plan_parse.py [--pdf-rounds N]. The PDF is made with fpdf2 (a dev
dependency) and the DejaVu fonts: 300 paragraphs of prose wrapped at the margin (40 pages), then
a ruled task table of 1,500 rows (160 pages, its header repeated on each), page numbers.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from ttdn.demo.files import PLAN_FILE, seed_unit_names
from ttdn.plans.importers.names import KnownNames
from ttdn.plans.importers.parse import parse_plan

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
UNITS = [
    "Sở Ngoại vụ",
    "Sở Thông tin và Truyền thông",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Báo Lào Cai",
    "Ban Quản lý Khu kinh tế",
    "Bộ Chỉ huy Bộ đội Biên phòng tỉnh",
]
PROSE = (
    "Tiếp tục đổi mới nội dung, hình thức thông tin đối ngoại, gắn với quảng bá tiềm năng du lịch, "
    "cửa khẩu, nông sản và bản sắc văn hóa các dân tộc của tỉnh; chủ động cung cấp thông tin cho "
    "phóng viên nước ngoài, cơ quan đại diện Việt Nam ở nước ngoài và cộng đồng người Việt Nam ở "
    "nước ngoài; phối hợp đấu tranh phản bác thông tin sai lệch về biên giới, dân tộc, tôn giáo."
)


def timed(data: bytes, known: KnownNames, rounds: int) -> list[float]:
    parse_plan(data, known=known)  # warm up imports and regex caches
    timings = []
    for _ in range(rounds):
        start = time.perf_counter()
        parse_plan(data, known=known)
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def long_pdf(paragraphs: int = 300, rows: int = 1500) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", "", str(FONT))
    pdf.add_font("DejaVu", "B", str(FONT.with_name("DejaVuSerif-Bold.ttf")))
    pdf.set_font("DejaVu", size=12)
    pdf.set_margins(20, 20, 15)
    pdf.add_page()
    for line in [
        "ỦY BAN NHÂN DÂN                    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "TỈNH LÀO CAI                             Độc lập - Tự do - Hạnh phúc",
        "Số: 88/KH-UBND                    Lào Cai, ngày 12 tháng 3 năm 2020",
        "KẾ HOẠCH",
        "Thông tin đối ngoại tỉnh Lào Cai năm 2020",
    ]:
        pdf.cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
    for number in range(1, paragraphs + 1):
        pdf.multi_cell(0, 6, f"{number}. {PROSE}", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", size=10)
    with pdf.table(col_widths=(14, 58, 30, 40, 20), text_align="LEFT", line_height=5) as table:
        header = table.row()
        for text in ["STT", "Nội dung nhiệm vụ", "Chủ trì", "Phối hợp", "Thời gian"]:
            header.cell(text)
        for row_number in range(1, rows + 1):
            row = table.row()
            row.cell(str(row_number))
            row.cell(f"Nhiệm vụ {row_number}: {PROSE[: 80 + row_number % 120]}")
            row.cell(UNITS[row_number % len(UNITS)])
            row.cell(f"{UNITS[(row_number + 1) % len(UNITS)]}; {UNITS[(row_number + 2) % 6]}")
            row.cell(f"Quý {'I' * (1 + row_number % 3)}")
    pdf.set_auto_page_break(False)
    for page in range(1, pdf.page_no() + 1):
        pdf.page = page
        pdf.set_xy(100, 8)
        pdf.cell(10, 5, str(page), align="C")
    return bytes(pdf.output())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--pdf-rounds", type=int, default=5)
    args = parser.parse_args()
    data = PLAN_FILE.read_bytes()
    known = KnownNames(seed_unit_names())
    timings = timed(data, known, args.rounds)
    print(
        f"seed plan ({len(data) / 1024:.0f} KiB, 63 rows): median "
        f"{statistics.median(timings):.1f} ms, max {max(timings):.1f} ms over {args.rounds} runs"
    )
    if not FONT.exists():
        print(f"PDF plan: skipped, the DejaVu fonts are missing ({FONT})")
        return
    started = time.perf_counter()
    pdf = long_pdf()
    made = time.perf_counter() - started
    parsed = parse_plan(pdf, known=known)
    timings = timed(pdf, known, args.pdf_rounds)
    pages = pdf.count(b"/Type /Page\n") or pdf.count(b"/Type /Page ")
    print(
        f"PDF plan ({pages} pages, {len(pdf) / 2**20:.1f} MiB, {len(parsed.tasks)} rows, made in "
        f"{made:.0f} s): median {statistics.median(timings) / 1000:.2f} s, max "
        f"{max(timings) / 1000:.2f} s over {args.pdf_rounds} runs (floor: 10 s)"
    )


if __name__ == "__main__":
    main()
