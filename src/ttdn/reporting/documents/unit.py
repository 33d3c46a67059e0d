"""A unit's own report, in the same official form, from what it sent (or its draft)."""

from __future__ import annotations

import datetime
import io
from typing import Any

from ttdn.orgs.selectors import issuer_for
from ttdn.reporting.documents import official
from ttdn.reporting.models import Submission

STATUS = {
    "not_started": "Chưa bắt đầu",
    "in_progress": "Đang thực hiện",
    "done": "Hoàn thành",
    "not_carried_out": "Không thực hiện",
    "adjustment_requested": "Đề nghị điều chỉnh",
}


def render_unit_docx(submission: Submission, *, today: datetime.date) -> bytes:
    snapshot = submission.snapshots.order_by("-version").first()
    data: dict[str, Any] = (
        snapshot.data
        if snapshot is not None
        else {"narrative": submission.narrative, "values": submission.values, "tasks": []}
    )
    cycle, plan, unit = submission.cycle, submission.cycle.plan, submission.unit
    issuer = issuer_for(plan.province or "", getattr(plan, "level", "") or "")
    document = official.new_document()
    official.header(
        document,
        parent=issuer.short if issuer.province else "",
        issuer=unit.name,
        number="      /BC",
        place=issuer.place,
        day=today,
    )
    official.title(document, "BÁO CÁO", cycle.name)
    official.body(
        document,
        f"Thực hiện Kế hoạch số {plan.number} ngày {plan.issued_on:%d/%m/%Y} của "
        f"{plan.issuer or issuer.short}, {unit.name} báo cáo kết quả như sau:",
    )
    official.heading(document, "I. KẾT QUẢ THỰC HIỆN")
    for paragraph in (data.get("narrative") or "").split("\n"):
        if paragraph.strip():
            official.body(document, paragraph.strip())
    values = data.get("values", {})
    indicators = list(cycle.indicators.all())
    if indicators:
        official.heading(document, "II. MỘT SỐ CHỈ TIÊU")
        official.table(
            document,
            ["TT", "Chỉ tiêu", "Đơn vị tính", "Kết quả"],
            [
                [str(i), str(ind.name), str(ind.measure), values.get(str(ind.pk), "")]
                for i, ind in enumerate(indicators, start=1)
            ],
            [1.2, 9.0, 3.0, 3.0],
        )
    if data.get("tasks"):
        official.heading(document, "III. TÌNH HÌNH THỰC HIỆN CÁC NHIỆM VỤ ĐƯỢC GIAO")
        official.table(
            document,
            ["Mã", "Nhiệm vụ", "Vai trò", "Tình trạng", "Tiến độ"],
            [
                [
                    task["task"],
                    task["title"],
                    "Chủ trì" if task["role"] == "lead" else "Phối hợp",
                    STATUS.get(task["status"], task["status"]),
                    f"{task['percent']}%",
                ]
                for task in data["tasks"]
            ],
            [1.6, 8.0, 2.2, 2.8, 1.6],
        )
    official.closing(
        document,
        recipients=[f"Cơ quan tổng hợp báo cáo của {issuer.level_word}", "Lưu: VT"],
        signer=["THỦ TRƯỞNG ĐƠN VỊ"],
        name="",
    )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
