"""The Vietnamese catalogue is complete, well-formed, and covers Wagtail's screens."""

import re
from pathlib import Path

import polib
import pytest
import wagtail
from django.utils import translation

from ttdn.core.i18n import LOCALE_DIR, compile_catalogues

PLACEHOLDER = re.compile(r"%\(\w+\)[sdr]|%[sd]|\{\w*\}")
OWN = LOCALE_DIR / "vi" / "LC_MESSAGES" / "django.po"
VENDOR = sorted((LOCALE_DIR / "vendor").glob("*.po")) + sorted(
    (LOCALE_DIR / "vendor" / "djangojs").glob("*.po")
)


def test_own_catalogue_is_complete() -> None:
    catalogue = polib.pofile(str(OWN))
    untranslated = [e.msgid for e in catalogue if not e.obsolete and not e.translated()]
    assert untranslated == []
    assert catalogue.percent_translated() == 100


@pytest.mark.parametrize("path", [OWN, *VENDOR], ids=lambda p: p.name)
def test_placeholders_survive_translation(path: Path) -> None:
    wrong = []
    for entry in polib.pofile(str(path)).translated_entries():
        source = entry.msgid_plural or entry.msgid
        target = entry.msgstr_plural[0] if entry.msgid_plural else entry.msgstr
        if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(target)):
            wrong.append(entry.msgid)
    assert wrong == []


def installed_templates() -> list[Path]:
    """English catalogues of the installed Wagtail and wagtail-localize apps."""
    from django.apps import apps

    templates = []
    for config in apps.get_app_configs():
        if config.name.split(".")[0] in {"wagtail", "wagtail_localize"}:
            templates += Path(config.path).glob("locale/en/LC_MESSAGES/django*.po")
    return templates


def test_wagtail_admin_strings_are_all_translated() -> None:
    """Every string of the installed Wagtail apps has Vietnamese: ours or Wagtail's own."""
    ours = {(e.msgctxt, e.msgid) for path in VENDOR for e in polib.pofile(str(path))}
    base = Path(wagtail.__file__).parent.parent
    missing = []
    for template in installed_templates():
        shipped_path = Path(str(template).replace("/en/", "/vi/"))
        shipped = (
            {(e.msgctxt, e.msgid) for e in polib.pofile(str(shipped_path)).translated_entries()}
            if shipped_path.exists()
            else set()
        )
        for entry in polib.pofile(str(template)):
            key = (entry.msgctxt, entry.msgid)
            if key not in ours and key not in shipped:
                missing.append(f"{template.relative_to(base)}: {entry.msgid}")
    assert missing == []


def test_compiled_catalogue_translates(tmp_path: Path) -> None:
    written = compile_catalogues()
    assert any(path.name == "django.mo" for path in written)
    assert any(path.name == "djangojs.mo" for path in written)
    with translation.override("vi"):
        assert translation.gettext("Sign in") == "Đăng nhập"
        assert translation.gettext("Dashboard") == "Trang tổng quan"
        assert translation.gettext("Sign in to ttdn") == "Đăng nhập vào ttdn"
    with translation.override("en"):
        assert translation.gettext("Sign in to ttdn") == "Sign in to ttdn"


def test_dates_are_dd_mm_yyyy() -> None:
    import datetime

    from django.utils import formats

    with translation.override("vi"):
        assert formats.date_format(datetime.date(2024, 11, 6)) == "06/11/2024"
        assert formats.date_format(datetime.date(2024, 11, 6), "SHORT_DATE_FORMAT") == "06/11/2024"
