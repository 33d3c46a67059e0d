"""Vietnamese text normalisation, free of Django.

Vietnamese arrives composed (NFC) or decomposed (NFD), with the tone mark placed in the old style
("hòa", "thủy") or the new style ("hoà", "thuỷ"), in any case and spacing. ``canonical`` maps all of
these to one form; ``fold`` further drops every diacritic (đ → d) for loose matching.
"""

from __future__ import annotations

import re
import unicodedata

# Combining tone marks: grave, acute, tilde, hook above, dot below.
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
# Combining marks that belong to the vowel letter itself: circumflex, breve, horn.
_SHAPES = {"\u0302", "\u0306", "\u031b"}
_VOWELS = set("aeiouy")
_WORD = re.compile(r"\w+", re.UNICODE)
_SPACE = re.compile(r"\s+", re.UNICODE)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _place_tone(word: str) -> str:
    """Put the tone mark of one syllable where the old (official) style puts it."""
    decomposed = unicodedata.normalize("NFD", word)
    # Split into letters, each a base character followed by its combining marks.
    letters: list[list[str]] = []
    tone = ""
    for char in decomposed:
        if char in _TONES:
            tone = char
        elif unicodedata.combining(char) and letters:
            letters[-1].append(char)
        else:
            letters.append([char])
    if not tone:
        return unicodedata.normalize("NFC", decomposed)
    bases = [letter[0].lower() for letter in letters]
    start = 0
    # "qu" and "gi" (before another vowel) are consonants, not vowels of the nucleus.
    if (len(bases) > 2 and bases[0] == "q" and bases[1] == "u") or (
        len(bases) > 2 and bases[0] == "g" and bases[1] == "i" and bases[2] in _VOWELS
    ):
        start = 2
    nucleus = [i for i in range(start, len(bases)) if bases[i] in _VOWELS]
    if not nucleus:
        nucleus = [i for i in range(len(bases)) if bases[i] in _VOWELS]
    if not nucleus:
        return unicodedata.normalize("NFC", word)
    # The nucleus is the first run of consecutive vowels.
    run = [nucleus[0]]
    for i in nucleus[1:]:
        if i == run[-1] + 1:
            run.append(i)
        else:
            break
    has_coda = run[-1] < len(bases) - 1
    shaped = [i for i in run if any(mark in _SHAPES for mark in letters[i][1:])]
    if shaped:
        target = shaped[-1]
    elif len(run) == 1:
        target = run[0]
    elif len(run) == 3 or has_coda:
        target = run[1]
    else:
        target = run[0]
    letters[target].append(tone)
    return unicodedata.normalize("NFC", "".join("".join(letter) for letter in letters))


# Look-alikes typed for Đ/đ: Icelandic eth (Ð U+00D0, ð U+00F0) and African D (Ɖ U+0189).
_D_LOOKALIKES = str.maketrans({"\u00d0": "Đ", "\u00f0": "đ", "\u0189": "Đ"})


def canonical(text: str) -> str:
    """NFC, official tone placement, lower case, single spaces, trimmed."""
    text = unicodedata.normalize("NFC", text).translate(_D_LOOKALIKES)
    text = _WORD.sub(lambda match: _place_tone(match.group(0)), text)
    return _SPACE.sub(" ", text).strip().lower()


def fold(text: str) -> str:
    """``canonical`` without any diacritic: "Lục Ngạn" → "luc ngan", "Đà" → "da"."""
    return unmarked(canonical(text))


def unmarked(text: str) -> str:
    """A ``canonical`` text without its diacritics (what ``fold`` does after ``canonical``)."""
    kept: list[str] = []
    base = ""
    for char in unicodedata.normalize("NFD", text):
        if not unicodedata.combining(char):
            base = char
        elif base < "\u0250":  # a mark on a Latin letter; kana voicing and the like stay
            continue
        kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept)).replace("đ", "d")


_ABBREVIATIONS = {
    "ubnd": "ủy ban nhân dân",
    "hđnd": "hội đồng nhân dân",
    "ubmttq": "ủy ban mặt trận tổ quốc",
    "mttq": "mặt trận tổ quốc",
    "tp": "thành phố",
    "tx": "thị xã",
}
_NAME_PUNCTUATION = re.compile(r"[.,;:()\"“”']+")
_DASH = re.compile(r"\s*[-–—]\s*")


def name_key(text: str) -> str:
    """The lookup key of an organisation name.

    Tolerant of case, spacing, NFC/NFD, tone placement, punctuation and dash spacing, and the
    administrative abbreviations every document uses (UBND, HĐND, TP.). Distinct names stay
    distinct: diacritics are kept.
    """
    text = canonical(text)
    text = _DASH.sub(" - ", text)
    text = _NAME_PUNCTUATION.sub(" ", text)
    words = [_ABBREVIATIONS.get(word, word) for word in text.split()]
    return " ".join(words)
