"""Citations in the shapes real plans write them: every kind, spaced numbers, dates in three
styles, and issuers that end where the issuing body's name ends."""

from __future__ import annotations

import datetime
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ttdn.plans.importers.citations import (
    KINDS,
    MAX_NUMBER,
    find_citations,
    parse_date,
    read_issuer,
)
from ttdn.plans.importers.names import KnownNames
from ttdn.plans.importers.parse import _distinct_citations, interpret
from ttdn.plans.importers.raw import RawCell, RawDocument, RawRow
from ttdn.plans.importers.shape import Citation, ParseWarning

# (sentence, kind, number_symbol, date, issuer): the first citation of the sentence.
TABLE: list[tuple[str, str, str, str | None, str | None]] = [
    # Kinds of administrative documents (Nghị định 30/2020/NĐ-CP)
    (
        "Căn cứ Văn bản số 1234/UBND-NV ngày 12/3/2024 của UBND tỉnh Lào Cai về việc rà soát",
        "Văn bản",
        "1234/UBND-NV",
        "12/03/2024",
        "UBND tỉnh Lào Cai",
    ),
    (
        "Thực hiện Thông báo số 45-TB/TU ngày 02/02/2024 của Ban Thường vụ Tỉnh ủy về kết luận",
        "Thông báo",
        "45-TB/TU",
        "02/02/2024",
        "Ban Thường vụ Tỉnh ủy",
    ),
    (
        "theo Hướng dẫn số 12-HD/BTGTW ngày 5/1/2024 của Ban Tuyên giáo Trung ương về tuyên truyền",
        "Hướng dẫn",
        "12-HD/BTGTW",
        "05/01/2024",
        "Ban Tuyên giáo Trung ương",
    ),
    (
        "Chương trình số 08-CTr/TU ngày 20/4/2021 của Tỉnh ủy Hà Giang thực hiện Nghị quyết",
        "Chương trình",
        "08-CTr/TU",
        "20/04/2021",
        "Tỉnh ủy Hà Giang",
    ),
    (
        "Phương án số 03/PA-UBND ngày 10/10/2023 của UBND tỉnh Cao Bằng ứng phó sự cố",
        "Phương án",
        "03/PA-UBND",
        "10/10/2023",
        "UBND tỉnh Cao Bằng",
    ),
    (
        "phê duyệt Đề án số 06/ĐA-UBND ngày 14/7/2022 của Ủy ban nhân dân tỉnh Điện Biên về",
        "Đề án",
        "06/ĐA-UBND",
        "14/07/2022",
        "Ủy ban nhân dân tỉnh Điện Biên",
    ),
    (
        "Dự án số 2/DA-SNV ngày 01/6/2023 của Sở Nội vụ tỉnh Sơn La về số hóa hồ sơ",
        "Dự án",
        "2/DA-SNV",
        "01/06/2023",
        "Sở Nội vụ tỉnh Sơn La",
    ),
    (
        "tổng hợp từ Báo cáo số 215/BC-UBND ngày 30/11/2023 của UBND tỉnh về tình hình",
        "Báo cáo",
        "215/BC-UBND",
        "30/11/2023",
        "UBND tỉnh",
    ),
    (
        "Biên bản số 07/BB-SNgV ngày 18/8/2023 của Sở Ngoại vụ",
        "Biên bản",
        "07/BB-SNgV",
        "18/08/2023",
        "Sở Ngoại vụ",
    ),
    (
        "Tờ trình số 88/TTr-STTTT ngày 03/4/2024 của Sở Thông tin và Truyền thông đề nghị",
        "Tờ trình",
        "88/TTr-STTTT",
        "03/04/2024",
        "Sở Thông tin và Truyền thông",
    ),
    (
        "Hợp đồng số 15/2024/HĐ-TTTT ngày 22/5/2024 về in ấn tài liệu",
        "Hợp đồng",
        "15/2024/HĐ-TTTT",
        "22/05/2024",
        None,
    ),
    (
        "Công điện số 02/CĐ-TTg ngày 9/9/2024 của Thủ tướng Chính phủ về khắc phục hậu quả bão",
        "Công điện",
        "02/CĐ-TTg",
        "09/09/2024",
        "Thủ tướng Chính phủ",
    ),
    (
        "Bản ghi nhớ số 01/BGN ngày 16/3/2022 giữa hai tỉnh",
        "Bản ghi nhớ",
        "01/BGN",
        "16/03/2022",
        None,
    ),
    (
        "Giấy mời số 310/GM-VP ngày 11/11/2024 của Văn phòng UBND tỉnh",
        "Giấy mời",
        "310/GM-VP",
        "11/11/2024",
        "Văn phòng UBND tỉnh",
    ),
    (
        "Quy chế số 04-QC/TU ngày 19/5/2021 của Ban Chấp hành Đảng bộ tỉnh về làm việc",
        "Quy chế",
        "04-QC/TU",
        "19/05/2021",
        "Ban Chấp hành Đảng bộ tỉnh",
    ),
    (
        "Quy định số 66-QĐ/TW ngày 06/02/2017 của Ban Chấp hành Trung ương về thể thức văn bản",
        "Quy định",
        "66-QĐ/TW",
        "06/02/2017",
        "Ban Chấp hành Trung ương",
    ),
    (
        "Thông báo kết luận số 210-TB/TU ngày 06/6/2024 của Thường trực Tỉnh ủy về công tác",
        "Thông báo",
        "210-TB/TU",
        "06/06/2024",
        "Thường trực Tỉnh ủy",
    ),
    (
        "Văn bản hợp nhất số 05/VBHN-BTTTT ngày 24/3/2022 của Bộ Thông tin và Truyền thông",
        "Văn bản hợp nhất",
        "05/VBHN-BTTTT",
        "24/03/2022",
        "Bộ Thông tin và Truyền thông",
    ),
    # Legal acts
    (
        "Luật số 41/2024/QH15 ngày 28/6/2024 của Quốc hội về bảo hiểm xã hội",
        "Luật",
        "41/2024/QH15",
        "28/06/2024",
        "Quốc hội",
    ),
    (
        "Luật Báo chí số 103/2016/QH13 ngày 05/4/2016 của Quốc hội khóa XIII",
        "Luật",
        "103/2016/QH13",
        "05/04/2016",
        "Quốc hội",
    ),
    (
        "Bộ luật Lao động số 45/2019/QH14 ngày 20/11/2019",
        "Bộ luật",
        "45/2019/QH14",
        "20/11/2019",
        None,
    ),
    (
        "Pháp lệnh số 02/2022/UBTVQH15 ngày 24/12/2022 của Ủy ban Thường vụ Quốc hội quy định",
        "Pháp lệnh",
        "02/2022/UBTVQH15",
        "24/12/2022",
        "Ủy ban Thường vụ Quốc hội",
    ),
    (
        "Thông tư liên tịch số 07/2016/TTLT-BNG-BTTTT ngày 11/11/2016 của Bộ Ngoại giao",
        "Thông tư liên tịch",
        "07/2016/TTLT-BNG-BTTTT",
        "11/11/2016",
        "Bộ Ngoại giao",
    ),
    (
        "Thông tư số 04/2022/TT-BVHTTDL ngày 01/7/2022 của Bộ Văn hóa, Thể thao và Du lịch"
        " hướng dẫn thực hiện",
        "Thông tư",
        "04/2022/TT-BVHTTDL",
        "01/07/2022",
        "Bộ Văn hóa, Thể thao và Du lịch",
    ),
    (
        "Lệnh số 05/2024/L-CTN ngày 10/7/2024 của Chủ tịch nước công bố Luật",
        "Lệnh",
        "05/2024/L-CTN",
        "10/07/2024",
        "Chủ tịch nước",
    ),
    (
        "Nghị quyết liên tịch số 01/2020/NQLT-CP-ĐCTUBTWMTTQVN ngày 05/3/2020 của Chính phủ",
        "Nghị quyết liên tịch",
        "01/2020/NQLT-CP-ĐCTUBTWMTTQVN",
        "05/03/2020",
        "Chính phủ",
    ),
    # Party documents
    (
        "quán triệt Nghị quyết số 36-NQ/TW ngày 22/10/2018 của Ban Chấp hành Trung ương Đảng về",
        "Nghị quyết",
        "36-NQ/TW",
        "22/10/2018",
        "Ban Chấp hành Trung ương Đảng",
    ),
    (
        "Chỉ thị số 12-CT/TW ngày 05/01/2022 của Ban Bí thư về tăng cường sự lãnh đạo",
        "Chỉ thị",
        "12-CT/TW",
        "05/01/2022",
        "Ban Bí thư",
    ),
    (
        "Thông tri số 03-TT/TU ngày 08/8/2023 của Ban Thường vụ Thành ủy Hải Phòng về đại hội",
        "Thông tri",
        "03-TT/TU",
        "08/08/2023",
        "Ban Thường vụ Thành ủy Hải Phòng",
    ),
    # Issuers that stop before the subject
    (
        "Quy chế số 09-QC/TU ngày 12/4/2021 của Tỉnh ủy Lào Cai quản lý thống nhất các hoạt động",
        "Quy chế",
        "09-QC/TU",
        "12/04/2021",
        "Tỉnh ủy Lào Cai",
    ),
    (
        "Quyết định số 30/2022/QĐ-UBND ngày 02/8/2022 của UBND tỉnh Lào Cai quyết định phân cấp",
        "Quyết định",
        "30/2022/QĐ-UBND",
        "02/08/2022",
        "UBND tỉnh Lào Cai",
    ),
    (
        "Thông tư số 22/2016/TT-BTTTT ngày 19/10/2016 của Bộ trưởng Bộ Thông tin và Truyền thông"
        " hướng dẫn quản lý hoạt động thông tin đối ngoại",
        "Thông tư",
        "22/2016/TT-BTTTT",
        "19/10/2016",
        "Bộ trưởng Bộ Thông tin và Truyền thông",
    ),
    (
        "Kế hoạch số 77/KH-UBND ngày 09/3/2024 của Chủ tịch UBND tỉnh Yên Bái triển khai",
        "Kế hoạch",
        "77/KH-UBND",
        "09/03/2024",
        "Chủ tịch UBND tỉnh Yên Bái",
    ),
    (
        "Nghị quyết số 15/2023/NQ-HĐND ngày 14/7/2023 của HĐND tỉnh Bà Rịa - Vũng Tàu ban hành",
        "Nghị quyết",
        "15/2023/NQ-HĐND",
        "14/07/2023",
        "HĐND tỉnh Bà Rịa - Vũng Tàu",
    ),
    (
        "Quyết định số 1805/QĐ-UBND ngày 26/9/2023 của Ủy ban nhân dân thành phố Hà Nội phê duyệt",
        "Quyết định",
        "1805/QĐ-UBND",
        "26/09/2023",
        "Ủy ban nhân dân thành phố Hà Nội",
    ),
    (
        "Kế hoạch số 05/KH-BCĐ ngày 20/01/2024 của Ban Chỉ đạo công tác thông tin đối ngoại tỉnh"
        " về tuyên truyền",
        "Kế hoạch",
        "05/KH-BCĐ",
        "20/01/2024",
        "Ban Chỉ đạo công tác thông tin đối ngoại tỉnh",
    ),
    (
        "Công văn số 2710/BNG-TTBC ngày 03/8/2023 của Bộ Ngoại giao tổ chức tập huấn",
        "Công văn",
        "2710/BNG-TTBC",
        "03/08/2023",
        "Bộ Ngoại giao",
    ),
    (
        "Quyết định số 45/QĐ-SVHTTDL ngày 2/2/2024 của Sở Văn hóa, Thể thao và Du lịch tỉnh"
        " Quảng Ninh về",
        "Quyết định",
        "45/QĐ-SVHTTDL",
        "02/02/2024",
        "Sở Văn hóa, Thể thao và Du lịch tỉnh Quảng Ninh",
    ),
    (
        "Kế hoạch số 19/KH-UBND ngày 4/4/2024 của UBND tỉnh, Sở Ngoại vụ hướng dẫn thực hiện",
        "Kế hoạch",
        "19/KH-UBND",
        "04/04/2024",
        "UBND tỉnh",
    ),
    # No date: the issuer stays
    (
        "Quyết định số 368/QĐ-TTg của Thủ tướng Chính phủ phê duyệt Đề án",
        "Quyết định",
        "368/QĐ-TTg",
        None,
        "Thủ tướng Chính phủ",
    ),
    ("Chỉ thị 25/CT-TTg của Thủ tướng", "Chỉ thị", "25/CT-TTg", None, "Thủ tướng"),
    (
        "Quyết định số 1191/QĐ-TTg của Thủ tướng Chính phủ ngày 05/8/2020 phê duyệt",
        "Quyết định",
        "1191/QĐ-TTg",
        "05/08/2020",
        "Thủ tướng Chính phủ",
    ),
    # Numbers: without "số", with spaces, with a letter, in lower case
    (
        "Nghị quyết 47/NQ- CP ngày 15/4/2024 của Chính phủ về chương trình",
        "Nghị quyết",
        "47/NQ-CP",
        "15/04/2024",
        "Chính phủ",
    ),
    (
        "Kế hoạch số 151/KH- UBND ngày 14/9/2023 về việc triển khai",
        "Kế hoạch",
        "151/KH-UBND",
        "14/09/2023",
        None,
    ),
    (
        "Kế hoạch số 12a/KH-UBND ngày 15/01/2025 của UBND huyện Bảo Thắng",
        "Kế hoạch",
        "12a/KH-UBND",
        "15/01/2025",
        "UBND huyện Bảo Thắng",
    ),
    (
        "Công văn số: 318/SNgV-LS ngày 14/5/2024 của Sở Ngoại vụ tỉnh Lạng Sơn",
        "Công văn",
        "318/SNgV-LS",
        "14/05/2024",
        "Sở Ngoại vụ tỉnh Lạng Sơn",
    ),
    (
        "theo công văn số 4521/UBND-KGVX ngày 29/12/2023 của UBND tỉnh",
        "Công văn",
        "4521/UBND-KGVX",
        "29/12/2023",
        "UBND tỉnh",
    ),
    (
        "căn cứ Nghị Quyết số 05/2021/NQ-HĐND của HĐND tỉnh; QUYẾT ĐỊNH SỐ 9/QĐ-UBND",
        "Nghị quyết",
        "05/2021/NQ-HĐND",
        None,
        "HĐND tỉnh",
    ),
    # Dates in three styles
    (
        "Nghị định số 72/2015/NĐ-CP ngày 07-9-2015 của Chính phủ về quản lý",
        "Nghị định",
        "72/2015/NĐ-CP",
        "07/09/2015",
        "Chính phủ",
    ),
    (
        "Kết luận số 57-KL/TW ngày 15 tháng 6 năm 2023 của Bộ Chính trị về tiếp tục",
        "Kết luận",
        "57-KL/TW",
        "15/06/2023",
        "Bộ Chính trị",
    ),
    (
        "Quyết định số 10/QĐ-UBND ngày 31/02/2024 của UBND tỉnh",  # no 31 February
        "Quyết định",
        "10/QĐ-UBND",
        None,
        "UBND tỉnh",
    ),
    # Across line breaks and runs of spaces (a table cell, an unwrapped PDF line)
    (
        "Quyết định số\n368/QĐ-TTg ngày\n05/5/2020 của\nThủ tướng   Chính phủ\nvề",
        "Quyết định",
        "368/QĐ-TTg",
        "05/05/2020",
        "Thủ tướng Chính phủ",
    ),
    (
        "Kế hoạch   số  101-KH/TU,   ngày 20 tháng\n9 năm 2023  của  Ban Thường vụ\nTỉnh ủy về",
        "Kế hoạch",
        "101-KH/TU",
        "20/09/2023",
        "Ban Thường vụ Tỉnh ủy",
    ),
    # A name over its connectors, up to a capitalised part
    (
        "Quyết định số 965/QĐ-TBDCB ngày 08/12/2023 của Trường Đào tạo, Bồi dưỡng cán bộ quản lý"
        " Thông tin và Truyền thông.",
        "Quyết định",
        "965/QĐ-TBDCB",
        "08/12/2023",
        "Trường Đào tạo, Bồi dưỡng cán bộ quản lý Thông tin và Truyền thông",
    ),
    (
        "Kế hoạch số 3/KH-BCĐ ngày 3/3/2023 của Ban Chỉ đạo công tác Nhân quyền của tỉnh",
        "Kế hoạch",
        "3/KH-BCĐ",
        "03/03/2023",
        "Ban Chỉ đạo công tác Nhân quyền",
    ),
]


def _date(value: datetime.date | None) -> str | None:
    return value.strftime("%d/%m/%Y") if value else None


@pytest.mark.parametrize(("sentence", "kind", "number", "date", "issuer"), TABLE)
def test_citation(
    sentence: str, kind: str, number: str, date: str | None, issuer: str | None
) -> None:
    first = find_citations([(1, sentence)])[0]
    assert (first.kind, first.number_symbol, _date(first.date), first.issuer) == (
        kind,
        number,
        date,
        issuer,
    )


@settings(max_examples=150, deadline=2000)
@given(
    row=st.sampled_from(TABLE),
    gaps=st.lists(st.sampled_from([" ", "  ", "\n", " \n ", "\t", "   \n"]), min_size=60),
)
def test_line_breaks_and_spaces_between_words_change_nothing(
    row: tuple[str, str, str, str | None, str | None], gaps: list[str]
) -> None:
    """A table cell or an unwrapped PDF line breaks a citation anywhere between its words."""
    sentence, kind, number, date, issuer = row
    words = sentence.split(" ")
    spaced = words[0] + "".join(
        gap + word for gap, word in zip(gaps[: len(words) - 1], words[1:], strict=False)
    )
    first = find_citations([(1, spaced)])[0]
    assert (first.kind, first.number_symbol, _date(first.date), first.issuer) == (
        kind,
        number,
        date,
        issuer,
    )
    assert "\n" not in first.text
    assert first.issuer is None or "\n" not in first.issuer


PIECES = (
    *("Quyết định", "Kế hoạch", "Luật Báo chí", "Bộ luật", "số", "ngày", "tháng", "năm", "của"),
    *("UBND tỉnh", "Bộ Ngoại giao", "Thủ tướng Chính phủ", "Lào Cai", "về", "và", ",", ";"),
    *("-", "/", "2015", "12a", "07/9/2015", "31", "02", "QĐ-TTg", "NĐ-CP", "TW", " ", "\n"),
)


@settings(max_examples=200, deadline=2000)
@given(st.lists(st.sampled_from(PIECES), max_size=80).map(" ".join))
def test_whatever_the_words_a_citation_is_well_formed(text: str) -> None:
    for found in find_citations([(1, text)]):
        assert found.kind in KINDS
        assert found.number_symbol
        assert not any(c.isspace() for c in found.number_symbol)
        assert len(found.number_symbol) <= 80
        assert found.issuer is None or (
            found.issuer == found.issuer.strip() and 0 < len(found.issuer) <= 255
        )
        assert found.text in " ".join(text.split())


def test_the_table_covers_every_kind_but_the_rare_ones() -> None:
    covered = {kind for _s, kind, _n, _d, _i in TABLE}
    assert len(TABLE) >= 40
    assert len(covered) >= 30
    assert covered <= set(KINDS)


@pytest.mark.parametrize(
    ("written", "kind"),
    [
        *((kind, kind) for kind in KINDS),
        ("Bản thoả thuận", "Bản thỏa thuận"),
        ("Giấy uỷ quyền", "Giấy ủy quyền"),
        ("THƯ CÔNG", "Thư công"),
        ("Phiếu Chuyển", "Phiếu chuyển"),
    ],
)
def test_every_kind_is_read(written: str, kind: str) -> None:
    text = f"gửi kèm {written} số 17/XY-VP và {written.lower()} số 18/XY-VP"
    found = find_citations([(1, text)])
    assert [(c.kind, c.number_symbol) for c in found] == [
        (kind, "17/XY-VP"),
        (kind, "18/XY-VP"),
    ]


def test_longest_kind_first() -> None:
    (found,) = find_citations([(1, "Thông tư liên tịch số 08/2008/TTLT-BNV-BTC ngày 1/1/2008")])
    assert found.kind == "Thông tư liên tịch"


def test_a_law_named_before_its_number_does_not_swallow_another_citation() -> None:
    found = find_citations(
        [(1, "Luật Đất đai và Nghị định số 43/2014/NĐ-CP; Luật này số 1/QH; Luật An ninh mạng")]
    )
    assert [(c.kind, c.number_symbol) for c in found] == [("Nghị định", "43/2014/NĐ-CP")]


def test_a_kind_in_capitals_is_a_citation_and_in_lower_case_only_with_so() -> None:
    found = find_citations(
        [(1, "QUYẾT ĐỊNH SỐ 9/QĐ-UBND; quyết định 10/QĐ-UBND; theo kế hoạch số 11/KH-UBND")]
    )
    assert [(c.kind, c.number_symbol) for c in found] == [
        ("Quyết định", "9/QĐ-UBND"),
        ("Kế hoạch", "11/KH-UBND"),
    ]


def test_spaces_in_a_number() -> None:
    found = find_citations(
        [(1, "Nghị quyết 47 / NQ- CP; Kế hoạch số 12/KH-UBND - UBND tỉnh; Chỉ thị số 9 /CT-TTg")]
    )
    assert [c.number_symbol for c in found] == ["47/NQ-CP", "12/KH-UBND", "9/CT-TTg"]


def test_number_and_symbol() -> None:
    found = find_citations(
        [(1, "Nghị quyết số 36-NQ/TW; Kế hoạch 12a/KH-UBND; Luật số 41/2024/QH15.")]
    )
    assert [(c.number, c.symbol) for c in found] == [
        ("36", "NQ/TW"),
        ("12a", "KH-UBND"),
        ("41", "QH15"),
    ]


def test_shared_issuer_after_two_citations() -> None:
    text = (
        "Quyết định số 11/QĐ-SNV ngày 03/11/2023 và Quyết định số 12/QĐ-SNV ngày 08/12/2023"
        " của Sở Nội vụ."
    )
    assert [c.issuer for c in find_citations([(1, text)])] == ["Sở Nội vụ", "Sở Nội vụ"]


def test_an_issuer_is_not_shared_across_a_subject() -> None:
    text = (
        "Kế hoạch số 151/KH-UBND ngày 14/9/2023 về việc triển khai Chỉ thị số 07/CT-TTg"
        " ngày 21/3/2023 của Thủ tướng Chính phủ"
    )
    assert [c.issuer for c in find_citations([(1, text)])] == [None, "Thủ tướng Chính phủ"]


@pytest.mark.parametrize(
    "text",
    [
        "Kế hoạch phát triển kinh tế - xã hội 5 năm 2021 - 2025",
        "thuộc Dự án 10 của Chương trình MTQG",
        "Nghị định thư phân giới cắm mốc ký ngày 05/10/2019",
        "theo kế hoạch 5/2024 của huyện",
        "Nghị quyết 12/2023 của HĐND tỉnh",  # a number without a symbol
        "Công ước Liên hợp quốc về Luật Biển năm 1982",
        "Thương vụ Việt Nam; Nhật Bản, Trung Quốc",
    ],
)
def test_not_a_citation(text: str) -> None:
    assert find_citations([(1, text)]) == []


@pytest.mark.parametrize(
    ("text", "issuer"),
    [
        ("UBND tỉnh Lào Cai quyết định giao", "UBND tỉnh Lào Cai"),
        ("Tỉnh ủy Lào Cai quản lý thống nhất các hoạt động", "Tỉnh ủy Lào Cai"),
        ("UBND tỉnh", "UBND tỉnh"),
        ("Uỷ ban nhân dân tỉnh Thừa Thiên Huế về", "Uỷ ban nhân dân tỉnh Thừa Thiên Huế"),
        ("Bộ Lao động - Thương binh và Xã hội hướng dẫn", "Bộ Lao động - Thương binh và Xã hội"),
        ("Bộ Thông tin và Truyền thông, Bộ Ngoại giao về", "Bộ Thông tin và Truyền thông"),
        ("Phó Thủ tướng Chính phủ Trần Văn A", "Phó Thủ tướng Chính phủ"),
        ("Thường trực HĐND tỉnh khóa XVI", "Thường trực HĐND tỉnh"),
        ("Sở Y tế tỉnh Lai Châu tăng cường", "Sở Y tế tỉnh Lai Châu"),
        ("Bộ Công Thương đẩy mạnh xuất khẩu", "Bộ Công Thương"),
        ("Thành ủy Thành phố Hồ Chí Minh tiếp tục", "Thành ủy Thành phố Hồ Chí Minh"),
        ("Ban Chỉ đạo 35 Trung ương về", "Ban Chỉ đạo 35 Trung ương"),
        ("Sở Xây dựng tỉnh Hà Nam", "Sở Xây dựng tỉnh Hà Nam"),
        ("Bộ Tài chính Về việc", "Bộ Tài chính"),
        ("UBND tỉnh Lào Cai V/v", "UBND tỉnh Lào Cai"),
        ("Cục Thông tin đối ngoại hướng dẫn", "Cục Thông tin đối ngoại"),
        ("Bộ Nông nghiệp và Phát triển nông thôn", "Bộ Nông nghiệp và Phát triển nông thôn"),
        ("Bộ Công an quản lý nhà nước về an ninh", "Bộ Công an"),
        ("Hội đồng Thi đua - Khen thưởng tỉnh về", "Hội đồng Thi đua - Khen thưởng tỉnh"),
        (
            "Liên hiệp các tổ chức hữu nghị tỉnh Lào Cai",
            "Liên hiệp các tổ chức hữu nghị tỉnh Lào Cai",
        ),
        ("Ban Quản lý các Khu công nghiệp tỉnh ban hành", "Ban Quản lý các Khu công nghiệp tỉnh"),
        ("UBND TP. Hồ Chí Minh về", "UBND TP. Hồ Chí Minh"),
        ("Tỉnh ủy Quảng Ninh (khóa XV)", "Tỉnh ủy Quảng Ninh"),
        ("các sở, ngành", None),
        ("tỉnh về việc", None),
    ],
)
def test_issuer_stops_where_the_name_ends(text: str, issuer: str | None) -> None:
    assert read_issuer(text) == issuer


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("07/9/2015", "07/09/2015"),
        ("7-9-2015", "07/09/2015"),
        ("07 tháng 9 năm 2015", "07/09/2015"),
        ("29/02/2023", None),
        ("31 tháng 4 năm 2024", None),
        ("07/9-2015", None),
        ("", None),
    ],
)
def test_parse_date(text: str, date: str | None) -> None:
    assert _date(parse_date(text)) == date


def test_adversarial_lines_finish_fast() -> None:
    """100 KB lines built to make a backtracking pattern try every split: each reads at once."""
    lines = [
        "Quyết định số 1" + "/A" * 50_000,
        "Quyết định số " + "1/" * 50_000,
        "Kế hoạch số 1/KH- " + " " * 100_000 + "x",
        ("Văn bản số 1/UBND-VP ngày 1/1/2024 của Bộ " + "Thông tin và " * 3) * 1_500,
        "của " + "Bộ Ngoại giao " * 7_000,
        "Chỉ thị 25/CT-TTg ngày " + "1/" * 50_000,
        "Luật số 1/QH" + "Ab" * 50_000,
        ("Quyết định số 1/QĐ-UBND của Ban Chỉ đạo " + "công tác " * 3) * 2_000,
        ("Quyết định số 1/QĐ-UBND của UBND tỉnh " + "Lào " * 10) * 1_000,
        "Quyết định số 1/QĐ-UBND, " * 4_000,  # one run sharing one issuer, or none
        "Quyết định số 1/QĐ-UBND ngày" + " " * 100_000,
        "Kế hoạch số 439/KH-UBND" + " tỉnh" * 20_000,
        "Quyết định số 1" + " /A" * 30_000,
        "Kế hoạch số 1" + " /" * 50_000,
        "Luật " * 25_000,  # each "Luật" looks ahead ten words for a "số"
        ("Luật " + "Báo chí " * 4 + "số ") * 3_000,
    ]
    for text in lines:
        started = time.perf_counter()
        find_citations([(1, text)])
        assert time.perf_counter() - started < 3.0, text[:40]


def _warnings_for(found: list[Citation]) -> list[ParseWarning]:
    warnings: list[ParseWarning] = []
    _distinct_citations(found, None, warnings)
    return warnings


def test_a_date_before_the_year_in_the_number_is_flagged() -> None:
    text = "Thông tư số 22/2016/TT-BTTTT ngày 19/10/2012 của Bộ trưởng Bộ Thông tin và Truyền thông"
    found = find_citations([(7, text)])
    warnings = _warnings_for(found)
    (warning,) = [w for w in warnings if w.code == "citation_date_before_year"]
    assert warning.params == {"number": "22/2016/TT-BTTTT", "date": "19/10/2012", "year": "2016"}
    assert "22/2016/TT-BTTTT" in warning.message
    assert "19/10/2012" in warning.message
    assert warning.line == 7
    assert found[0].date == datetime.date(2012, 10, 19)  # recorded as written


def test_a_date_in_the_year_of_the_number_is_not_flagged() -> None:
    found = find_citations(
        [
            (1, "Thông tư số 22/2016/TT-BTTTT ngày 19/10/2016; Kết luận số 57-KL/TW ngày 1/1/2001"),
            (2, "Luật số 41/2024/QH15 ngày 28/6/2025"),  # after its year is fine
        ]
    )
    assert not _warnings_for(found)


def test_the_warning_is_given_once_per_document_and_date() -> None:
    text = "Thông tư số 22/2016/TT-BTTTT ngày 19/10/2012"
    found = find_citations([(1, text), (2, text)])
    assert len(_warnings_for(found)) == 1


def test_citations_of_a_table_cell_reach_the_parsed_plan() -> None:
    raw = RawDocument(
        paragraphs=[(1, "KẾ HOẠCH")],
        rows=[
            RawRow(
                line=5,
                cells=[
                    RawCell("1"),
                    RawCell("Triển khai Quyết định số\n368/QĐ-TTg ngày\n05/5/2020 của Thủ tướng"),
                    RawCell("Sở Ngoại vụ"),
                    RawCell(""),
                    RawCell("Năm 2025"),
                ],
            )
        ],
    )
    plan = interpret(raw, KnownNames([]))
    assert [(c.number_symbol, _date(c.date), c.issuer) for c in plan.citations] == [
        ("368/QĐ-TTg", "05/05/2020", "Thủ tướng")
    ]


@pytest.mark.django_db
def test_the_legal_document_registry_stores_every_kind_and_the_longest_parts() -> None:
    from ttdn.plans.models import LegalDocument

    longest_issuer = "Bộ " + "Văn hóa, " * 40
    issuer_end = find_citations([(1, f"Văn bản số 1/BVH-VP của {longest_issuer}")])[0].issuer
    assert issuer_end is not None
    assert 200 < len(issuer_end) <= 250
    assert issuer_end.endswith("Văn hóa")  # a whole word, not one cut at the 250th character
    for index, kind in enumerate(KINDS):
        document = LegalDocument(
            kind=kind,
            number_symbol=f"{index}/" + "A" * (MAX_NUMBER - 2 - len(str(index))),
            issued_on=datetime.date(2024, 1, 1),
            issuer=issuer_end,
        )
        document.full_clean()
        document.save()
    assert LegalDocument.objects.count() == len(KINDS)
