import unicodedata

import pytest

from ttdn.demo.files import PLAN_FILE
from ttdn.plans.importers.encoding import EncodingRefusedError, decode
from ttdn.plans.importers.parse import PlanReadError, parse_plan

TEXT = PLAN_FILE.read_text(encoding="utf-8")
TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def windows_1258(text: str) -> bytes:
    """Windows-1258 as Word writes it: precomposed vowels, tone marks as combining bytes."""
    out = []
    for char in text:
        parts = unicodedata.normalize("NFD", char)
        tones = "".join(c for c in parts if c in TONES)
        out.append(
            unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES)) + tones
        )
    return "".join(out).encode("cp1258")


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        b"\xef\xbb\xbf" + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),  # with BOM
        TEXT.encode("utf-16-le"),  # without BOM
        TEXT.encode("utf-16-be"),
        unicodedata.normalize("NFD", TEXT).encode("utf-8"),
        TEXT.replace("\n", "\r\n").encode("utf-8"),
        windows_1258(TEXT),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16le", "utf16be", "nfd", "crlf", "cp1258"],
)
def test_every_unicode_form_reads_the_same(data: bytes) -> None:
    assert decode(data) == TEXT
    assert len(parse_plan(data).tasks) == 63


def test_tcvn3_is_refused_by_name() -> None:
    tcvn3 = "KÕ ho¹ch ho¹t ®éng th«ng tin ®èi ngo¹i cña tØnh B¾c Giang n¨m 2025 ViÖt Nam"
    with pytest.raises(EncodingRefusedError, match="TCVN3"):
        decode(tcvn3.encode("cp1252"))
    with pytest.raises(PlanReadError, match=r"^kehoach\.txt: the file is in the TCVN3"):
        parse_plan(tcvn3.encode("cp1252"), filename="kehoach.txt")


def test_vni_is_refused_by_name() -> None:
    vni = "Keá hoaïch hoaït ñoäng thoâng tin ñoái ngoaïi cuûa tænh Baéc Giang naêm 2025 Vieät"
    with pytest.raises(EncodingRefusedError, match="VNI"):
        decode(vni.encode("cp1252"))


def test_binary_garbage_is_refused() -> None:
    with pytest.raises(EncodingRefusedError, match="not text in a known encoding"):
        decode(bytes(range(128, 256)) * 20)


@pytest.mark.parametrize(
    "data",
    [b"\xef\xbb\xbfK\xe1\xba\xbf ho\xff\xfe\xfd", b"\xff\xfeK\x00\xbf"],
    ids=["utf8-bom-broken", "utf16-odd-length"],
)
def test_broken_unicode_is_a_clear_refusal(data: bytes) -> None:
    with pytest.raises(PlanReadError, match=r"^x\.txt: broken utf-\d+"):
        parse_plan(data, filename="x.txt")
