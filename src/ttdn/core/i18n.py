"""Compile the project's gettext catalogues without GNU gettext (a fresh machine lacks it).

``locale/vi/LC_MESSAGES/django.po`` holds ttdn's own strings (made by makemessages).
``locale/vendor/*.po`` holds the Vietnamese of Wagtail and other packages' screens that their own
catalogues miss; ``locale/vendor/djangojs/*.po`` the same for their JavaScript. Both are merged
into the ``.mo`` files Django loads from ``LOCALE_PATHS``; ttdn's own entries win.
"""

from __future__ import annotations

from pathlib import Path

import polib

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
VENDOR_LANGUAGE = "vi"


def _merge(sources: list[Path], header_from: Path | None) -> polib.POFile:
    merged = polib.POFile()
    merged.metadata = {
        "Content-Type": "text/plain; charset=UTF-8",
        "Language": VENDOR_LANGUAGE,
        "Plural-Forms": "nplurals=1; plural=0;",
    }
    seen: dict[tuple[str | None, str], polib.POEntry] = {}
    for source in sources:
        catalogue = polib.pofile(str(source))
        if source == header_from:
            merged.metadata = catalogue.metadata
        for entry in catalogue.translated_entries():
            if entry.obsolete or "fuzzy" in entry.flags:
                continue
            key = (entry.msgctxt, entry.msgid)
            if key in seen:
                merged.remove(seen[key])
            seen[key] = entry
            merged.append(entry)
    return merged


def compile_catalogues(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    """Write every ``.mo`` file; return their paths. Later sources override earlier ones."""
    written: list[Path] = []
    for language_dir in sorted(p for p in locale_dir.iterdir() if (p / "LC_MESSAGES").is_dir()):
        for domain in ("django", "djangojs"):
            own = language_dir / "LC_MESSAGES" / f"{domain}.po"
            vendor_dir = locale_dir / "vendor" / ("djangojs" if domain == "djangojs" else "")
            vendor = sorted(vendor_dir.glob("*.po")) if language_dir.name == VENDOR_LANGUAGE else []
            sources = [*vendor, *([own] if own.exists() else [])]
            if not sources:
                continue
            target = own.with_suffix(".mo")
            _merge(sources, own if own.exists() else None).save_as_mofile(str(target))
            written.append(target)
    return written
