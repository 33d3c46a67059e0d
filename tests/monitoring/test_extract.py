import unicodedata
from datetime import UTC, datetime

from ttdn.monitoring.extract import decode, extract, sanitise

NOW = datetime(2026, 11, 26, tzinfo=UTC)
PARAGRAPH = "Năm nay vải thiều Lục Ngạn được mùa lớn, xuất khẩu sang Nhật Bản đạt kỷ lục. " * 8


def cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese editors write it: base letters precomposed, tones combining."""
    tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
    out = []
    for char in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", char)
        tone = "".join(c for c in parts if c in tones)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
        out.append(base + tone)
    return "".join(out).encode("cp1258")


def test_utf8_wins_over_a_wrong_declaration() -> None:
    page = '<meta charset="iso-8859-1"><p>Vải thiều Lục Ngạn</p>'.encode()
    assert "Vải thiều Lục Ngạn" in decode(page, "iso-8859-1")


def test_windows_1258_is_decoded_and_composed() -> None:
    text = '<meta charset="windows-1258"><p>Vải thiều Lục Ngạn, Bắc Giang</p>'
    decoded = decode(cp1258(text))
    assert "Vải thiều Lục Ngạn, Bắc Giang" in decoded
    assert decoded == unicodedata.normalize("NFC", decoded)


def test_utf16_with_bom() -> None:
    assert decode("Lục Ngạn".encode("utf-16")) == "Lục Ngạn"


def test_main_text_without_banners_and_a_dated_title() -> None:
    html = f"""<html><head><title>Vải thiều - Báo</title>
    <link rel="canonical" href="https://baobacninh.vn/vai-thieu.html"></head><body>
    <div class="cookie-banner">Chúng tôi dùng cookie để cải thiện trải nghiệm.</div>
    <nav><a href="/">Trang chủ</a> <a href="/kinh-te">Kinh tế</a></nav>
    <article><h1>Vải thiều Lục Ngạn sang Nhật</h1><p class="author">Nguyễn Văn An</p>
    <p>Thứ năm, 19/11/2026, 10:30 (GMT+7)</p>
    <p onclick="steal()">{PARAGRAPH}<a href="javascript:alert(1)">xem</a></p>
    <script>alert(1)</script></article><footer>Bản quyền thuộc về Báo</footer></body></html>"""
    found = extract(html, url="http://127.0.0.1/a.html", now=NOW)
    assert found.title == "Vải thiều Lục Ngạn sang Nhật"
    assert "vải thiều Lục Ngạn được mùa" in found.text
    assert "cookie" not in found.text
    assert "Bản quyền" not in found.text
    assert found.published is not None
    assert found.published.isoformat() == "2026-11-19T10:30:00+07:00"
    assert found.canonical_url == "https://baobacninh.vn/vai-thieu.html"
    for unsafe in ("<script", "onclick", "javascript:", "alert(1)"):
        assert unsafe not in found.html


def test_an_empty_page_falls_back_to_the_feed_entry() -> None:
    found = extract(
        "<html><body><nav>Trang chủ</nav></body></html>",
        url="http://127.0.0.1/x",
        now=NOW,
        fallback_title="Tiêu đề từ RSS",
        fallback_published=datetime(2026, 11, 1, tzinfo=UTC),
    )
    assert found.text == ""
    assert found.title == "Tiêu đề từ RSS"
    assert found.published == datetime(2026, 11, 1, tzinfo=UTC)


def test_a_future_meta_date_is_not_taken() -> None:
    html = (
        '<meta property="article:published_time" content="2027-01-01T00:00:00+07:00">'
        f"<article><p>{PARAGRAPH}</p></article>"
    )
    assert extract(html, url="http://127.0.0.1/x", now=NOW).published is None


def test_sanitise_keeps_structure_and_drops_the_dangerous() -> None:
    cleaned = sanitise('<p style="x" onmouseover="y">a<iframe src="//e"></iframe><b>b</b></p>')
    assert cleaned == "<p>a<b>b</b></p>"


def _with_lead(lead: str, body: str) -> str:
    return (
        f'<html><head><title>Vải thiều</title><meta name="description" content="{lead}"></head>'
        f"<body><article><h1>Vải thiều</h1><p>{body}</p><p>{PARAGRAPH}</p></article></body></html>"
    )


def test_a_lead_left_out_by_extraction_is_put_back_once() -> None:
    lead = "Sáng 26/11, tỉnh tổ chức lễ xúc tiến tiêu thụ vải thiều tại Hà Nội với nhiều đối tác."
    missing = extract(_with_lead(lead, "Thân bài."), url="https://b.vn/a", now=NOW)
    assert missing.text.startswith(lead + "\n")
    present = extract(_with_lead(lead, lead), url="https://b.vn/a", now=NOW)
    assert present.text.count("xúc tiến tiêu thụ") == 1
    # Written with the other tone placement (hòa/hoà) in the body: still the same lead.
    accents = "Tỉnh hòa nhập sâu rộng, tổ chức lễ xúc tiến tiêu thụ vải thiều tại Hà Nội."
    other = extract(
        _with_lead(accents, accents.replace("hòa", "hoà")), url="https://b.vn/a", now=NOW
    )
    assert other.text.count("xúc tiến tiêu thụ") == 1
    decomposed = unicodedata.normalize("NFD", lead)
    nfd = extract(_with_lead(lead, decomposed), url="https://b.vn/a", now=NOW)
    assert nfd.text.count("xúc tiến tiêu thụ") == 1
