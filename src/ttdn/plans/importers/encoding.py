"""Turn a file's bytes into text: UTF-8/UTF-16 (BOM or not), Windows-1258; refuse TCVN3 and VNI.

Vietnamese offices still hold documents typed in the legacy font encodings TCVN3 (ABC, ".VnTime")
and VNI ("VNI-Times"). Their bytes decode without error in any 8-bit code page but give garbage,
so they are recognised by their tell-tale letter patterns and refused with the encoding named.
"""

from __future__ import annotations

import re
import unicodedata


class EncodingRefusedError(ValueError):
    """The bytes are not text ttdn can read; the message names the encoding found."""


# As the bytes look in Windows-1252: TCVN3 writes "Việt" as "ViÖt", "Đ" as "§", "ư" as "­".
_TCVN3 = re.compile(r"[a-zA-Z][ÖÕÞ¸µ¶·¹ª¬­®][a-zA-Z]|§[a-zA-Z]|®[a-zA-Z]")
# VNI writes "Việt" as "Vieät", "đ" as "ñ": a vowel followed by a tone character.
_VNI = re.compile(r"[aeiouyAEIOUY][øùûõïäâ][a-zA-Z ]|[ñÑ][aeiouAEIOU]")
_LETTERS = frozenset(
    "abcdefghijklmnopqrstuvwxyz0123456789_ăâđêôơư"
    "àáạảãằắặẳẵầấậẩẫèéẹẻẽềếệểễìíịỉĩòóọỏõồốộổỗờớợởỡùúụủũừứựửữỳýỵỷỹ"
)
_WORDS = re.compile(r"\w+")


def decode(data: bytes) -> str:
    """Decoded, NFC text with the original line breaks; EncodingRefusedError when unreadable."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _nfc(data[3:].decode("utf-8", errors="strict"))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _nfc(data.decode("utf-16"))
    if _looks_utf16(data):
        return _nfc(data.decode("utf-16-le" if data[1:2] == b"\x00" else "utf-16-be"))
    try:
        return _nfc(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    text = _nfc(data.decode("cp1258", errors="replace"))
    if _strange_word_share(text) < 0.02:
        return text
    found = _legacy_patterns(data.decode("cp1252", errors="replace"), least=1)
    if found == "VNI":
        raise EncodingRefusedError(
            "the file is in the VNI encoding (VNI-Times fonts): convert it to Unicode "
            "(for example with Unikey's converter) and upload it again"
        )
    if found == "TCVN3":
        raise EncodingRefusedError(
            "the file is in the TCVN3 (ABC, .VnTime fonts) encoding: convert it to Unicode "
            "(for example with Unikey's converter) and upload it again"
        )
    raise EncodingRefusedError(
        "the file is not text in a known encoding (UTF-8, UTF-16, Windows-1258)"
    )


def legacy_encoding(text: str) -> str | None:
    """ "TCVN3" or "VNI" when ``text`` is Vietnamese in a legacy font encoding as Windows-1252
    shows it (a file's bytes decoded so, or a PDF's text drawn with a .VnTime or VNI font),
    else None."""
    if _strange_word_share(text) < 0.02:
        return None
    return _legacy_patterns(text, least=2)


def _legacy_patterns(text: str, *, least: int) -> str | None:
    vni, tcvn3 = len(_VNI.findall(text)), len(_TCVN3.findall(text))
    if vni > tcvn3 and vni >= least:
        return "VNI"
    return "TCVN3" if tcvn3 >= least else None


def looks_binary(data: bytes) -> bool:
    """Bytes no text file holds (an image, an archive, a .doc): control bytes in the first KiB,
    outside UTF-16. Such a file is refused as what it is, never taken for a legacy encoding."""
    head = data[:1024]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_utf16(head):
        return False
    controls = sum(1 for byte in head if byte < 32 and byte not in (9, 10, 12, 13, 27))
    return controls > max(2, len(head) // 100)


def _strange_word_share(text: str) -> float:
    """Share of words holding a letter that is neither ASCII nor Vietnamese."""
    words = _WORDS.findall(text.lower())
    if not words:
        return 1.0
    strange = sum(1 for word in words if any(ch not in _LETTERS for ch in word))
    return strange / len(words)


def _looks_utf16(data: bytes) -> bool:
    sample = data[:2000]
    if len(sample) < 4:
        return False
    zeros_even = sample[0::2].count(0)
    zeros_odd = sample[1::2].count(0)
    half = len(sample) // 2
    return max(zeros_even, zeros_odd) > half * 0.3 and min(zeros_even, zeros_odd) < half * 0.05


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
