"""Which language an article is in, offline.

py3langid ships its model inside the wheel (no download). It is restricted to the languages a
provincial press desk meets, and helped by script: any kana means Japanese, mostly Hangul means
Korean (Han characters alone are shared by Chinese and Japanese).
"""

from __future__ import annotations

import re
from functools import lru_cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

LANGUAGES = ("vi", "en", "zh", "ja", "ko", "fr", "de", "ru", "es", "th", "lo", "km", "id")
_KANA = re.compile("[\u3040-\u30ff]")
_HANGUL = re.compile("[\uac00-\ud7a3]")
_LETTER = re.compile(r"[^\W\d_]")
SAMPLE = 600  # characters: enough for py3langid, whose cost grows with the length


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(LANGUAGES))
    return identifier


def detect(text: str) -> tuple[str, float]:
    """``(code, confidence)``; ``("", 0.0)`` when there is too little text to tell."""
    sample = text[:SAMPLE]
    letters = len(_LETTER.findall(sample))
    if letters < 3:
        return "", 0.0
    if _KANA.search(sample):
        return "ja", 1.0
    if len(_HANGUL.findall(sample)) > letters / 3:
        return "ko", 1.0
    code, confidence = _identifier().classify(sample)
    return str(code), float(confidence)
