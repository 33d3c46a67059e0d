"""The provincial report on a plan, built from the units' submissions and progress."""

from __future__ import annotations

import datetime
import io
from typing import Any

from ttdn.core.xlsx import append_row
from ttdn.orgs.selectors import Issuer, issuer_for
from ttdn.reporting.documents import official

STATUS_TEXT = {
    "done_on_time": "Hoàn thành đúng hạn",
    "done_late": "Hoàn thành quá hạn",
    "within_deadline": "Đang thực hiện trong hạn",
    "overdue": "Đang thực hiện quá hạn",
    "not_carried_out": "Không thực hiện",
    "no_deadline": "Không xác định thời hạn",
}


def recipients(issuer: Issuer) -> list[str]:
    """ "Nơi nhận" of the provincial report: a city has a Thành ủy, a province a Tỉnh ủy."""
    party = "Thành ủy" if issuer.level_word == "thành phố" else "Tỉnh ủy"
    return [
        "Bộ Văn hóa, Thể thao và Du lịch",
        f"Thường trực {party}",
        f"Thường trực HĐND {issuer.level_word}",
        f"Chủ tịch, các PCT UBND {issuer.level_word}",
        "Các sở, ban, ngành; UBND các xã, phường",
        "Lưu: VT",
    ]


def render_docx(data: dict[str, Any], *, today: datetime.date) -> bytes:
    plan = data["plan"]
    document = official.new_document()
    issuer = issuer_for(plan.province or "", getattr(plan, "level", "") or "")
    official.header(
        document,
        parent="",
        issuer=issuer.full,
        number="      /BC-UBND",
        place=issuer.place,
        day=today,
    )
    official.title(
        document,
        "BÁO CÁO",
        f"Kết quả thực hiện {plan.title[:1].lower() + plan.title[1:]}",
    )
    official.body(
        document,
        f"Thực hiện Kế hoạch số {plan.number} ngày {plan.issued_on:%d/%m/%Y} của "
        f"{plan.issuer or issuer.short}, trên cơ sở báo cáo của {data['submitted']}/"
        f"{data['required']} cơ quan, đơn vị, UBND {issuer.level_word} báo cáo kết quả như sau:",
    )
    official.heading(document, "I. KẾT QUẢ THỰC HIỆN")
    counts = data["timeliness"]
    total = sum(counts.values())
    official.body(
        document,
        f"Kế hoạch có {total} nhiệm vụ; tiến độ chung đạt {data['plan_percent']:.0f}%. "
        f"Trong đó: {counts.get('done_on_time', 0)} nhiệm vụ hoàn thành đúng hạn, "
        f"{counts.get('done_late', 0)} nhiệm vụ hoàn thành quá hạn, "
        f"{counts.get('within_deadline', 0)} nhiệm vụ đang thực hiện trong hạn, "
        f"{counts.get('overdue', 0)} nhiệm vụ đang thực hiện quá hạn, "
        f"{counts.get('not_carried_out', 0)} nhiệm vụ không thực hiện.",
    )
    number = 0
    for row in data["rows"]:
        task = row.task
        if task.parent_id is None:
            number += 1
            official.heading(document, f"{number}. {task.title}")
            if task.is_heading:
                continue
        if task.is_heading:
            official.body(document, f"{task.label}. {task.title}", italic=True)
            continue
        official.body(
            document,
            f"- {task.title} (chủ trì: {', '.join(row.lead) or '—'}): "
            f"{STATUS_TEXT[row.grade.timeliness].lower()}, đạt {row.percent:.0f}%.",
        )
    if data["indicators"]:
        official.heading(document, "II. MỘT SỐ CHỈ TIÊU CHỦ YẾU")
        official.table(
            document,
            ["TT", "Chỉ tiêu", "Đơn vị tính", "Kết quả"],
            [
                [str(index), str(indicator.name), str(indicator.measure), _number(total_value)]
                for index, (indicator, total_value) in enumerate(data["indicators"], start=1)
            ],
            [1.2, 9.0, 3.0, 3.0],
        )
    if data["units"]:
        official.heading(document, "III. KẾT QUẢ CỦA CÁC CƠ QUAN, ĐƠN VỊ")
        for unit in data["units"]:
            official.body(document, f"- {unit['unit']}: {unit['narrative']}")
    official.heading(document, "IV. ĐÁNH GIÁ CHUNG VÀ ĐỀ XUẤT")
    official.body(
        document,
        "Các cơ quan, đơn vị cơ bản triển khai đầy đủ nhiệm vụ được giao. Đề nghị các đơn vị có "
        "nhiệm vụ đang thực hiện quá hạn khẩn trương hoàn thành và báo cáo kết quả.",
    )
    official.closing(
        document,
        recipients=recipients(issuer),
        signer=["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
        name="",
    )
    official.landscape_appendix(
        document,
        "PHỤ LỤC: KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ",
        f"(Kèm theo Báo cáo số      /BC-UBND ngày {today:%d/%m/%Y} của {issuer.short})",
    )
    official.table(
        document,
        ["TT", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Tình trạng", "Kết quả"],
        [
            [
                row.task.label,
                row.task.title,
                ", ".join(row.lead),
                "; ".join(row.partners),
                "" if row.task.is_heading else STATUS_TEXT[row.grade.timeliness],
                "" if row.task.is_heading else f"{row.percent:.0f}%",
            ]
            for row in data["rows"]
        ],
        [1.2, 9.5, 4.0, 6.0, 3.5, 2.0],
    )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _number(value: Any) -> str:
    text = f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"
    return text.replace(",", ".")


def render_xlsx(data: dict[str, Any]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    sheet = workbook.worksheets[0]
    sheet.title = "Nhiệm vụ"
    append_row(
        sheet,
        ["TT", "Mã", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Thời gian", "Tình trạng", "Tiến độ (%)"],
    )
    for row in data["rows"]:
        append_row(
            sheet,
            [
                row.task.label,
                row.task.code,
                row.task.title,
                ", ".join(row.lead),
                "; ".join(row.partners),
                row.task.timeframe,
                "" if row.task.is_heading else STATUS_TEXT[row.grade.timeliness],
                None if row.task.is_heading else round(row.percent),
            ],
        )
    indicators = workbook.create_sheet("Chỉ tiêu")
    append_row(indicators, ["TT", "Chỉ tiêu", "Đơn vị tính", "Kết quả"])
    for index, (indicator, total) in enumerate(data["indicators"], start=1):
        append_row(indicators, [index, indicator.name, indicator.measure, float(total)])
    for worksheet in (sheet, indicators):
        for cell in worksheet[1]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(horizontal="center", wrap_text=True)
        worksheet.freeze_panes = "A2"
    for column, width in zip("ABCDEFGH", (6, 10, 70, 30, 45, 14, 26, 12), strict=True):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
