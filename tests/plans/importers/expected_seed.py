"""Expected parse of the seed plan: Kế hoạch 69/KH-UBND ngày 06/11/2024 của UBND tỉnh Bắc Giang.

Written by reading src/ttdn/demo/data/bac-giang-ttdn-2025.txt row by row, not by running a parser.
Every string is NFC. Dates are "dd/mm/yyyy" with zero padding.

APPENDIX: one entry per row of the appendix table ("PHỤ LỤC"), in document order, header row left
out. Each entry is (code, parent, title_start, lead, partners, timeframe):

- code: the qualified code. A section row is its Roman numeral ("I", "II", ...). A task is
  "SECTION.label", e.g. "II.1" or "IV.2.1", because the labels restart in each Roman section.
- parent: the qualified code of the parent ("IV.2" for "IV.2.1", "IV" for "IV.2"), or None for a
  section.
- title_start: the title cell, trimmed, then cut to its first 40 characters (title[:40]). The cut
  is not trimmed again, so some values end in a space. A line without a TAB continues the cell
  above it and is joined with one space.
- lead, partners: lists of unit and group phrases, spelled and cased as written, with a trailing
  "." or "," dropped. A cell is split at ";", at "," between two separate names, and at "và"
  between two separate names ("Văn phòng UBND tỉnh và các sở, ban, ngành cấp tỉnh";
  "Hiệp hội doanh nghiệp tỉnh và các đơn vị liên quan"). Nothing is split inside one name
  ("Sở Văn hóa, Thể thao và Du lịch", "Đài Phát thanh và Truyền hình tỉnh") or inside a
  collective phrase ("Các sở, ban, ngành, UBND huyện, thị xã, thành phố",
  "UBND huyện, thị xã, thành phố", "Các sở, ban, ngành, địa phương", "Các sở, ban, ngành, địa
  phương liên quan", "các sở, ban, ngành cấp tỉnh", "các cơ quan, đơn vị liên quan",
  "các cơ quan báo chí Trung ương và địa phương", "Các cơ quan báo chí Trung ương",
  "các đơn vị của Bộ Văn hóa, Thể thao và Du lịch"). "các sở, ban, ngành cấp tỉnh, UBND huyện,
  thị xã, thành phố" (III.1) is two phrases: "cấp tỉnh" closes the first. The distributive
  "UBND các huyện Sơn Động, Lục Ngạn, Lục Nam, Yên Thế" gives one "UBND huyện X" per district.
  Lead cells are split the same way: 6.4's cell runs onto a second line and names two units,
  and "Báo Bắc Giang, Đài Phát thanh và Truyền hình tỉnh" (IV.2.4, IV.4.2) names two.
- timeframe: the raw cell text, or "" when the cell holds only a non-breaking space.
- Cells: a cell holding only U+00A0 is a heading row's empty cell, giving [] or "". A truly empty
  cell (just the TAB) is vertically merged, so it takes the value of the row above, which may be
  inherited too (II.2-II.4 from II.1; IV.2.2 from IV.2.1; IV.2.6 from IV.2.5; IV.5.2-IV.5.3 from
  IV.5.1; IV.7.2-IV.7.3 from IV.7.1). Section V's heading row has NBSP unit cells but its
  timeframe cell reads "Năm 2025".

COMMEMORATIONS: every "N năm ..." anniversary in section II.7, as (title, years, start, date). The
title is the words after "N năm", up to the parenthesis. "Ngày hội văn hóa các dân tộc tỉnh Bắc
Giang lần thứ VII, năm 2025" is an event, not an anniversary, so it is left out.

CITATIONS: one entry per distinct numbered legal document cited in the body, the appendix and the
footnotes [1]-[3] at the end of the file, in order of first appearance in the file (the footnote
texts come last). Each is (kind, number_symbol, date, issuer). The number symbol has no spaces
("47/NQ- CP" gives "47/NQ-CP"). The issuer is the "của ..." that follows the date, or None when the
text names none. Footnote [3] names one issuer after two decisions, and both get it. Left out:
documents without a number (treaties, "Chương trình MTQG ...", Đề án, Khung chương trình), and the
plan itself (69/KH-UBND in the appendix caption), which is METADATA. 24/2018/QĐ-UBND is cited
with 05/9/2018 in section II.1 and with 15/9/2018 in footnote [1]. The first date is kept, and both
are listed in CONFLICTING_DATES.

RESPONSIBILITIES: one entry per numbered item of section IV, as (unit phrase as written, without
the trailing ":", number of duties). The duties are the "- " lines, or 1 when the duty follows
the colon on the same line. Item 14 drops "Đề nghị".

REPORT_DEADLINE: section IV.13 asks for the 2025 report "trước ngày 15/11", in 2025.

METADATA: the title is the two heading lines ("KẾ HOẠCH" + "HOẠT ĐỘNG ... NĂM 2025") in sentence
case with the province's capitals kept, as the closing paragraph writes it. The number,
date and issuer come from the appendix caption "(Kèm theo Kế hoạch số 69/KH-UBND ngày 06 tháng
11 năm 2024 của UBND tỉnh Bắc Giang)".

SECTIONS: the body's top-level headings, as written.
"""

APPENDIX: list[tuple[str, str | None, str, list[str], list[str], str]] = [
    # I
    (
        "I",
        None,
        "Triển khai Kết luận số 57-KL/TW ngày 15/",
        ["Sở Thông tin và Truyền thông"],
        ["Các sở, ban, ngành, UBND huyện, thị xã, thành phố"],
        "Năm 2025",
    ),
    # II
    ("II", None, "Thực hiện Quyết định số 1191/QĐ-TTg ngày", [], [], ""),
    (
        "II.1",
        "II",
        "Chương trình MTQG Giảm nghèo bền vững gi",
        ["Sở Thông tin và Truyền thông"],
        ["Sở Lao động - Thương binh và Xã hội", "UBND huyện, thị xã, thành phố"],
        "Năm 2025",
    ),
    (
        "II.2",
        "II",
        "Chương trình MTQG phát triển KT-XH vùng ",
        ["Sở Thông tin và Truyền thông"],  # merged: from II.1
        [
            "Ban Dân tộc",
            "các sở, ban, ngành cấp tỉnh",
            "UBND huyện Sơn Động",
            "UBND huyện Lục Ngạn",
            "UBND huyện Lục Nam",
            "UBND huyện Yên Thế",
            "các cơ quan báo chí Trung ương và địa phương",
        ],
        "Năm 2025",
    ),
    (
        "II.3",
        "II",
        "Bồi dưỡng, tập huấn kiến thức, nghiệp vụ",
        ["Sở Thông tin và Truyền thông"],  # merged: from II.2 (from II.1)
        ["Các sở, ban, ngành, địa phương", "các cơ quan báo chí Trung ương và địa phương"],
        "Năm 2025",
    ),
    (
        "II.4",
        "II",
        "Lồng ghép TTĐN với các hoạt động giao lư",
        ["Sở Thông tin và Truyền thông"],  # merged: from II.3
        ["Các sở, ban, ngành, địa phương", "các cơ quan báo chí Trung ương và địa phương"],
        "Năm 2025",
    ),
    # III
    ("III", None, "Thực hiện Quyết định số 1079/QĐ-TTg ngày", [], [], ""),
    (
        "III.1",
        "III",
        "Tuyên truyền, phổ biến Quyết định số 107",
        ["Sở Thông tin và Truyền thông"],
        [
            "Thường trực Ban Chỉ đạo công tác Nhân quyền của tỉnh",
            "các sở, ban, ngành cấp tỉnh",
            "UBND huyện, thị xã, thành phố",
            "các cơ quan báo chí Trung ương và địa phương",
        ],
        "Năm 2025",
    ),
    (
        "III.2",
        "III",
        "Phổ biến, nâng cao nhận thức về đảm bảo ",
        ["Công an tỉnh"],
        [
            "Sở Thông tin và Truyền thông",
            "các sở, ban, ngành cấp tỉnh",
            "UBND huyện, thị xã, thành phố",
            "các cơ quan báo chí Trung ương và địa phương",
        ],
        "Năm 2025",
    ),
    # IV
    ("IV", None, "Tuyên truyền, quảng bá hình ảnh của tỉnh", [], [], ""),
    (
        "IV.1",
        "IV",
        "Quảng bá hình ảnh của tỉnh trên Cổng Vie",
        ["Sở Thông tin và Truyền thông"],
        [
            "Văn phòng UBND tỉnh",
            "các sở, ban, ngành cấp tỉnh",
            "UBND huyện, thị xã, thành phố",
            "các cơ quan báo chí Trung ương và địa phương",
        ],
        "Năm 2025",
    ),
    ("IV.2", "IV", "Quảng bá hình ảnh của tỉnh trên các phươ", [], [], ""),
    (
        "IV.2.1",
        "IV.2",
        "Tuyên truyền chủ trương, đường lối của Đ",
        ["Sở Thông tin và Truyền thông"],
        [
            "Các sở, ban, ngành, UBND huyện, thị xã, thành phố",
            "các cơ quan báo chí Trung ương và địa phương",
        ],
        "Năm 2025",
    ),
    (
        "IV.2.2",
        "IV.2",
        "Tuyên truyền thành tựu phát triển kinh t",
        ["Sở Thông tin và Truyền thông"],  # merged: from IV.2.1
        [
            "Các sở, ban, ngành, UBND huyện, thị xã, thành phố",
            "các cơ quan báo chí Trung ương và địa phương",
        ],
        "Năm 2025",
    ),
    (
        "IV.2.3",
        "IV.2",
        "Cung cấp thông tin kinh tế - xã hội, tiề",
        ["Sở Ngoại vụ"],
        [
            "Các sở, ban, ngành, UBND huyện, thị xã, thành phố",
            "các cơ quan báo chí Trung ương và địa phương",
        ],
        "Năm 2025",
    ),
    (
        "IV.2.4",
        "IV.2",
        "Tuyên truyền các hoạt động xây dựng và p",
        ["Báo Bắc Giang", "Đài Phát thanh và Truyền hình tỉnh"],
        [
            "Sở Ngoại vụ",
            "Sở Kế hoạch và Đầu tư",
            "Sở Văn hóa, Thể thao và Du lịch",
            "các cơ quan, đơn vị liên quan",
        ],
        "Năm 2025",
    ),
    (
        "IV.2.5",
        "IV.2",
        "Phối hợp các cơ quan, đơn vị trực thuộc ",
        ["Sở Công Thương"],
        [
            "Các sở, ban, ngành, UBND huyện, thị xã, thành phố",
            "các cơ quan báo chí Trung ương và địa phương",
        ],
        "Năm 2025",
    ),
    (
        "IV.2.6",
        "IV.2",
        "Phối hợp với Đại sứ quán, Thương vụ Việt",
        ["Sở Công Thương"],  # merged: from IV.2.5
        [
            "Các sở, ban, ngành, UBND huyện, thị xã, thành phố",
            "các cơ quan báo chí Trung ương và địa phương",
        ],
        "Năm 2025",
    ),
    (
        "IV.2.7",
        "IV.2",
        "Tổ chức các hội nghị, hội thảo tuyên tru",
        ["Sở Kế hoạch và Đầu tư"],
        ["Hiệp hội doanh nghiệp tỉnh", "các đơn vị liên quan"],
        "Năm 2025",
    ),
    (
        "IV.2.8",
        "IV.2",
        "Quảng bá những sản phẩm văn hóa, du lịch",
        ["Sở Văn hóa, Thể thao và Du lịch"],
        ["Các cơ quan báo chí Trung ương", "Báo Bắc Giang", "Đài Phát thanh và Truyền hình tỉnh"],
        "Năm 2025",
    ),
    ("IV.3", "IV", "Tuyên truyền, quảng bá trên cổng TTĐT", [], [], ""),
    (
        "IV.3.1",
        "IV.3",
        "Tuyên truyền trên Cổng Thông tin điện tử",
        ["Văn phòng UBND tỉnh (Trung tâm Thông tin)"],
        ["Các sở, ban, ngành", "UBND huyện, thị xã, thành phố"],
        "Năm 2025",
    ),
    (
        "IV.3.2",
        "IV.3",
        "Vận hành hoạt động của cổng TTĐN của tỉn",
        ["Sở Thông tin và Truyền thông"],
        ["Văn phòng UBND tỉnh (Trung tâm Thông tin)"],
        "Năm 2025",
    ),
    (
        "IV.3.3",
        "IV.3",
        "Cung cấp thông tin tình hình thế giới, k",
        ["Liên hiệp các tổ chức hữu nghị tỉnh"],
        ["Các sở, ban, ngành cấp tỉnh", "UBND huyện, thị xã, thành phố"],
        "Năm 2025",
    ),
    (
        "IV.3.4",
        "IV.3",
        "Duy trì chuyên mục “Ngoại giao Kinh tế” ",
        ["Sở Ngoại vụ"],
        ["Các sở, ban, ngành cấp tỉnh", "UBND huyện, thị xã, thành phố"],
        "Năm 2025",
    ),
    (
        "IV.3.5",
        "IV.3",
        "Cung cấp thông tin về DN FDI, DN lớn đầu",
        ["Sở Kế hoạch và Đầu tư"],
        ["Ban Quản lý các Khu công nghiệp tỉnh", "Cổng Thông tin điện tử tỉnh"],
        "Năm 2025",
    ),
    (
        "IV.3.6",
        "IV.3",
        "Cung cấp thông tin về tình hình hợp tác ",
        ["Sở Công Thương"],
        ["Sở Kế hoạch và Đầu tư", "Ban Quản lý các Khu công nghiệp tỉnh", "Sở Ngoại vụ"],
        "Năm 2025",
    ),
    (
        "IV.3.7",
        "IV.3",
        "Cập nhật thông tin về hàng hóa của các d",
        ["Sở Công Thương"],
        [
            "Ban Quản lý các Khu công nghiệp tỉnh",
            "UBND huyện, thị xã, thành phố",
            "Sở Nông nghiệp và Phát triển nông thôn",
        ],
        "Năm 2025",
    ),
    (
        "IV.3.8",
        "IV.3",
        "Rà soát và thực hiện niêm yết công khai ",
        ["Sở Kế hoạch và Đầu tư"],
        ["Hiệp hội doanh nghiệp tỉnh", "các cơ quan liên quan"],
        "Năm 2025",
    ),
    (
        "IV.3.9",
        "IV.3",
        "Duy trì website Sản phẩm OCOP tỉnh Bắc G",
        ["Sở Nông nghiệp và Phát triển nông thôn"],
        ["UBND huyện, thị xã, thành phố"],
        "Năm 2025",
    ),
    ("IV.4", "IV", "Xuất bản các ấn phẩm TTĐN", [], [], ""),
    (
        "IV.4.1",
        "IV.4",
        "Thường xuyên cập nhật, xây dựng tài liệu",
        ["Sở Kế hoạch và Đầu tư"],
        ["Văn phòng UBND tỉnh", "Sở Ngoại vụ", "Ban Quản lý các Khu công nghiệp tỉnh"],
        "Năm 2025",
    ),
    (
        "IV.4.2",
        "IV.4",
        "Sản xuất và đăng tải video Clip giới thi",
        ["Báo Bắc Giang", "Đài Phát thanh và Truyền hình tỉnh"],
        ["Sở Văn hóa, Thể thao và Du lịch", "Sở Công Thương", "UBND huyện, thị xã, thành phố"],
        "Năm 2025",
    ),
    (
        "IV.4.3",
        "IV.4",
        "Phát hành Bản tin đối ngoại điện tử (địn",
        ["Sở Ngoại vụ"],
        ["Liên hiệp các tổ chức hữu nghị tỉnh"],
        "Năm 2025",
    ),
    (
        "IV.4.4",
        "IV.4",
        "Biên soạn, phát hành tài liệu giới thiệu",
        ["Sở Công Thương"],
        [
            "Sở Thông tin và Truyền thông",
            "Sở Kế hoạch và Đầu tư",
            "Sở Nông nghiệp và Phát triển nông thôn",
            "Ban Quản lý các Khu công nghiệp tỉnh",
        ],
        "Năm 2025",
    ),
    (
        "IV.4.5",
        "IV.4",
        "Phối hợp với Sở Thông tin và Truyền thôn",
        ["Công an tỉnh"],
        ["Các sở, ban, ngành cấp tỉnh", "UBND huyện, thị xã, thành phố"],
        "Năm 2025",
    ),
    ("IV.5", "IV", "Hoạt động giao lưu, hợp tác quốc tế, xúc", [], [], ""),
    (
        "IV.5.1",
        "IV.5",
        "Tổ chức kết nối, tham mưu tổ chức các đo",
        ["Sở Công Thương"],
        [
            "Sở Ngoại vụ",
            "Sở Nông nghiệp và Phát triển nông thôn",
            "UBND huyện, thị xã, thành phố",
        ],
        "Năm 2025",
    ),
    (
        "IV.5.2",
        "IV.5",
        "Kết nối, hỗ trợ thực hiện Hội nghị tiêu ",
        ["Sở Công Thương"],  # merged: from IV.5.1
        [
            "Sở Ngoại vụ",
            "Sở Nông nghiệp và Phát triển nông thôn",
            "UBND huyện, thị xã, thành phố",
        ],
        "Năm 2025",
    ),
    (
        "IV.5.3",
        "IV.5",
        "Duy trì và phát huy các thị trường đã có",
        ["Sở Công Thương"],  # merged: from IV.5.2 (from IV.5.1)
        [
            "Sở Ngoại vụ",
            "Sở Nông nghiệp và Phát triển nông thôn",
            "UBND huyện, thị xã, thành phố",
        ],
        "Năm 2025",
    ),
    (
        "IV.5.4",
        "IV.5",
        "Tuyên truyền, quảng bá hình ảnh địa phươ",
        ["Sở Ngoại vụ"],
        ["Các sở, ban, ngành, UBND huyện, thị xã, thành phố"],
        "Năm 2025",
    ),
    (
        "IV.5.5",
        "IV.5",
        "Tăng cường công tác xúc tiến đầu tư đối ",
        ["Sở KH&ĐT"],
        [
            "Ban Quản lý các Khu công nghiệp tỉnh",
            "các sở, ban, ngành cấp tỉnh",
            "UBND huyện, thị xã, thành phố",
        ],
        "Năm 2025",
    ),
    (
        "IV.5.6",
        "IV.5",
        "Tuyên truyền, nâng cao nhận thức cho cán",
        ["Ban Quản lý các KCN tỉnh"],
        [
            "Công an tỉnh",
            "Sở Lao động - Thương binh và Xã hội",
            "Sở Ngoại vụ",
            "UBND huyện, thị xã, thành phố",
        ],
        "Năm 2025",
    ),
    (
        "IV.5.7",
        "IV.5",
        "Phối hợp với Sở Thông tin và Truyền thôn",
        ["Công an tỉnh"],
        ["Các sở, ban, ngành cấp tỉnh", "UBND huyện, thị xã, thành phố"],
        "Năm 2025",
    ),
    (
        "IV.5.8",
        "IV.5",
        "Trao đổi, học tập kinh nghiệm giữa Hội N",
        ["Hội Nhà báo tỉnh"],
        ["Hội Nhà báo Việt Nam", "Báo Bắc Giang", "Đài Phát thanh và Truyền hình tỉnh"],
        "Năm 2025",
    ),
    (
        "IV.5.9",
        "IV.5",
        "Tham gia các khóa học, chương trình hội ",
        ["Sở Văn hóa, Thể thao và Du lịch"],
        ["Văn phòng UBND tỉnh", "các đơn vị của Bộ Văn hóa, Thể thao và Du lịch"],
        "Năm 2025",
    ),
    ("IV.6", "IV", "Hỗ trợ, hợp tác với các cơ quan báo chí,", [], [], ""),
    (
        "IV.6.1",
        "IV.6",
        "Tham mưu, thực hiện tốt chương trình phố",
        ["Ban Tuyên giáo Tỉnh ủy"],
        ["Các sở, ban, ngành cấp tỉnh", "UBND huyện, thị xã, thành phố"],
        "Năm 2025",
    ),
    (
        "IV.6.2",
        "IV.6",
        "Phối hợp, hướng dẫn báo chí nước ngoài h",
        ["Sở Ngoại vụ"],
        ["Các sở, ban, ngành cấp tỉnh", "UBND huyện, thị xã, thành phố"],
        "Năm 2025",
    ),
    (
        "IV.6.3",
        "IV.6",
        "Tuyên truyền, quán triệt về vị trí, vai ",
        ["Sở Ngoại vụ"],
        ["Sở Kế hoạch và Đầu tư", "các cơ quan báo chí Trung ương và địa phương"],
        "Năm 2025",
    ),
    (
        "IV.6.4",
        "IV.6",
        "Ký hợp đồng hỗ trợ truyền thông với các ",
        ["Sở Thông tin và Truyền thông", "Văn phòng UBND tỉnh (Trung tâm Thông tin)"],
        [
            "Thông tấn xã Việt Nam",
            "các sở, ban, ngành cấp tỉnh",
            "UBND huyện, thị xã, thành phố",
        ],
        "Năm 2025",
    ),
    (
        "IV.6.5",
        "IV.6",
        "Quảng bá về tỉnh trên Báo Bắc Giang điện",
        ["Báo Bắc Giang"],
        [
            "Thông tấn xã Việt Nam",
            "các sở, ban, ngành cấp tỉnh",
            "UBND huyện, thị xã, thành phố",
        ],
        "Năm 2025",
    ),
    (
        "IV.6.6",
        "IV.6",
        "Tuyên truyền, quảng bá giới thiệu về môi",
        ["Sở Kế hoạch và Đầu tư"],
        [
            "Ban quản lý các Khu công nghiệp tỉnh",
            "Sở Thông tin và Truyền thông",
            "các cơ quan báo chí Trung ương và địa phương",
        ],
        "Năm 2025",
    ),
    (
        "IV.6.7",
        "IV.6",
        "Tuyên truyền xúc tiến thương mại, duy tr",
        ["Sở Công Thương"],
        ["Các cơ quan báo chí Trung ương", "Báo Bắc Giang", "Đài Phát thanh và Truyền hình tỉnh"],
        "Năm 2025",
    ),
    (
        "IV.6.8",
        "IV.6",
        "Tuyên truyền về công tác đối ngoại, xúc ",
        ["Sở Văn hóa, Thể thao và Du lịch"],
        ["Các cơ quan báo chí Trung ương", "Báo Bắc Giang", "Đài Phát thanh và Truyền hình tỉnh"],
        "Năm 2025",
    ),
    (
        "IV.6.9",
        "IV.6",
        "Tuyên truyền quảng bá về chương trình OC",
        ["Sở Nông nghiệp và Phát triển nông thôn"],
        ["Các cơ quan báo chí Trung ương và địa phương", "UBND huyện, thị xã, thành phố"],
        "Năm 2025",
    ),
    ("IV.7", "IV", "Cung cấp thông tin cho báo chí", [], [], ""),
    (
        "IV.7.1",
        "IV.7",
        "Tổ chức các hội nghị thông tin báo chí đ",
        ["Sở Thông tin và Truyền thông"],
        ["Các sở, ban, ngành, địa phương liên quan"],
        "Năm 2025",
    ),
    (
        "IV.7.2",
        "IV.7",
        "Tổ chức các cuộc họp báo về sự kiện hoặc",
        ["Sở Thông tin và Truyền thông"],  # merged: from IV.7.1
        ["Các sở, ban, ngành, địa phương liên quan"],
        "Năm 2025",
    ),
    (
        "IV.7.3",
        "IV.7",
        "Tổ chức tập huấn công tác phát ngôn, cun",
        ["Sở Thông tin và Truyền thông"],  # merged: from IV.7.2 (from IV.7.1)
        ["Các sở, ban, ngành, địa phương liên quan"],
        "Năm 2025",
    ),
    # V: NBSP unit cells, but the timeframe cell is filled.
    ("V", None, "Hướng dẫn, thanh tra, kiểm tra", [], [], "Năm 2025"),
    (
        "V.1",
        "V",
        "Thường xuyên theo dõi, kiểm tra, hướng d",
        ["Sở Thông tin và Truyền thông"],
        ["Các sở, ban, ngành cấp tỉnh", "UBND huyện, thị xã, thành phố"],
        "Năm 2025",
    ),
    (
        "V.2",
        "V",
        "Tăng cường phát hiện, xử lý hành vi sản ",
        ["Sở Thông tin và Truyền thông"],
        ["Công an tỉnh", "UBND huyện, thị xã, thành phố"],
        "Năm 2025",
    ),
]

COMMEMORATIONS: list[tuple[str, int, str, str]] = [
    ("ngày thành lập Đảng", 95, "03/02/1930", "03/02/2025"),
    ("ngày sinh của Bác Hồ kính yêu", 135, "19/05/1890", "19/05/2025"),
    ("ngày truyền thống Công an nhân dân Việt Nam", 80, "19/08/1945", "19/08/2025"),
    ("Ngày hội Toàn dân bảo vệ an ninh Tổ quốc", 20, "19/08/2005", "19/08/2025"),
    ("Ngày giải phóng miền Nam, thống nhất đất nước", 50, "30/04/1975", "30/04/2025"),
    (
        "Ngày thành lập nước Việt Nam Dân chủ cộng hòa, nay là nước Cộng hòa xã hội chủ nghĩa"
        " Việt Nam",
        80,
        "02/09/1945",
        "02/09/2025",
    ),
    ("ngày thành lập tỉnh Bắc Giang", 130, "10/10/1895", "10/10/2025"),
]

CITATIONS: list[tuple[str, str, str | None, str | None]] = [
    # Opening paragraph
    ("Kết luận", "57-KL/TW", "15/06/2023", "Bộ Chính trị"),
    ("Kế hoạch", "101-KH/TU", "20/09/2023", "Tỉnh ủy"),  # later "Ban Thường vụ Tỉnh ủy"
    ("Nghị định", "72/2015/NĐ-CP", "07/09/2015", "Chính phủ"),  # II.2 writes "7/9/2015"
    # I.1
    ("Nghị quyết", "47/NQ-CP", "15/04/2024", "Chính phủ"),  # written "47/NQ- CP"
    # II.1
    ("Kế hoạch", "119/KH-UBND", "06/07/2024", "UBND tỉnh"),
    ("Nghị định", "09/2017/NĐ-CP", "09/02/2017", "Chính phủ"),
    ("Quyết định", "24/2018/QĐ-UBND", "05/09/2018", "UBND tỉnh"),  # footnote [1]: 15/9/2018
    ("Kế hoạch", "151/KH-UBND", "14/09/2023", None),  # written "151/KH- UBND", no issuer
    ("Chỉ thị", "07/CT-TTg", "21/03/2023", "Thủ tướng Chính phủ"),
    ("Quy chế", "15-QC/TU", "20/02/2020", "Ban Thường vụ Tỉnh ủy"),  # written "15- QC/TU"
    ("Quyết định", "82/2021/QĐ-UBND", "31/12/2021", "UBND tỉnh"),
    ("Nghị quyết", "112-NQ/TU", "15/06/2021", "Ban Chấp hành Đảng bộ tỉnh"),
    ("Kế hoạch", "5058/KH-UBND", "28/09/2021", "UBND tỉnh"),
    ("Chỉ thị", "25/CT-TTg", "10/09/2021", "Thủ tướng Chính phủ"),
    ("Kế hoạch", "439/KH-UBND", "28/09/2021", "UBND tỉnh"),
    ("Kế hoạch", "481/KH-UBND", "25/08/2022", "UBND tỉnh"),
    ("Quyết định", "499/QĐ-UBND", "04/04/2023", "UBND tỉnh"),  # written without "số"
    # II.3
    ("Quyết định", "1191/QĐ-TTg", "05/08/2020", "Thủ tướng Chính phủ"),
    ("Thông tư", "03/2023/TT-BTTTT", "30/05/2023", "Bộ trưởng Bộ Thông tin và Truyền thông"),
    # II.4
    ("Quyết định", "1079/QĐ-TTg", "14/09/2022", "Thủ tướng Chính phủ"),
    ("Công văn", "1531/BTTTT-TTĐN", "22/04/2024", None),
    ("Kế hoạch", "54/KH-UBND", "13/03/2023", "Chủ tịch UBND tỉnh"),
    # II.6.1
    ("Nghị quyết", "36-NQ/TW", "22/10/2018", "Ban Chấp hành Trung ương Đảng"),
    ("Quyết định", "729/QĐ-TTg", "16/06/2022", "Thủ tướng Chính phủ"),
    # Footnotes
    ("Thông tư", "22/2016/TT-BTTTT", "19/10/2016", "Bộ trưởng Bộ Thông tin và Truyền thông"),
    ("Công văn", "3837/BTTTT-TTĐN", "16/09/2024", "Bộ Thông tin và Truyền thông"),
    (
        "Quyết định",
        "858a/QĐ-TBDCB",
        "03/11/2023",
        "Trường Đào tạo, Bồi dưỡng cán bộ quản lý Thông tin và Truyền thông",
    ),
    (
        "Quyết định",
        "965/QĐ-TBDCB",
        "08/12/2023",
        "Trường Đào tạo, Bồi dưỡng cán bộ quản lý Thông tin và Truyền thông",
    ),
]

CONFLICTING_DATES: dict[str, list[str]] = {
    "24/2018/QĐ-UBND": ["05/09/2018", "15/09/2018"],
}

RESPONSIBILITIES: list[tuple[str, int]] = [
    ("Sở Thông tin và Truyền thông", 3),
    ("Văn phòng UBND tỉnh", 3),
    ("Sở Kế hoạch và Đầu tư", 2),
    ("Sở Công Thương", 2),
    ("Sở Văn hóa, Thể thao và Du lịch", 2),
    ("Sở Khoa học và Công nghệ", 1),
    ("Sở Ngoại vụ", 4),
    ("Sở Tài chính", 1),
    ("Công an tỉnh", 1),
    ("Ban Quản lý các Khu công nghiệp", 3),
    ("Báo Bắc Giang, Đài Phát thanh và Truyền hình tỉnh", 2),
    ("Liên hiệp các tổ chức hữu nghị tỉnh", 1),
    ("Các sở, cơ quan cấp tỉnh, UBND huyện, thị xã, thành phố", 2),
    ("Ban Tuyên giáo Tỉnh ủy", 2),
]

REPORT_DEADLINE = "15/11/2025"

METADATA = {
    "issuer": "UBND tỉnh Bắc Giang",
    "number": "69/KH-UBND",
    "date": "06/11/2024",
    "title": "Kế hoạch hoạt động thông tin đối ngoại của tỉnh Bắc Giang năm 2025",
    "year": 2025,
    "province": "Bắc Giang",
}

SECTIONS: list[str] = [
    "I. MỤC ĐÍCH, YÊU CẦU",
    "II. NỘI DUNG THỰC HIỆN",
    "III. KINH PHÍ",
    "IV. TỔ CHỨC THỰC HIỆN",
]
