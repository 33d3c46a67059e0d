"""Why a plan document cannot be read, in the user's language (the parser speaks plain English).

``PlanReadError.code`` and ``params`` name the reason; a reason without a code (a damaged Word
package, an unknown encoding) is shown as the parser wrote it.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from ttdn.plans.importers.parse import PlanReadError


def read_error_text(error: PlanReadError, *, name: str) -> str:
    p = {**error.params, "name": name}
    texts = {
        "scanned": lambda: _(
            "Page %(page)s of “%(name)s” has no text layer (%(count)s of %(pages)s pages): it is "
            "a scanned image. ttdn reads PDFs exported from Word or with OCR text."
        ),
        "encrypted": lambda: _(
            "“%(name)s” is protected by a password: save it again without one, then upload it."
        ),
        "broken": lambda: _("“%(name)s” is damaged or truncated: the PDF cannot be read."),
        "too_many_pages": lambda: _("“%(name)s” has over %(limit)s pages: a plan has far fewer."),
        "legacy_encoding": lambda: _(
            "The text of page %(page)s of “%(name)s” is in the %(encoding)s legacy font "
            "encoding: convert the document to Unicode (for example with Unikey's converter), "
            "export it to PDF again and upload it."
        ),
        "too_complex": lambda: (
            _(
                "Page %(page)s of “%(name)s” is too large to read safely: it is not a plan's "
                "page, or the file is damaged."
            )
            if p.get("page")
            else _("“%(name)s” is too large to read safely: it is not a plan, or it is damaged.")
        ),
        "not_a_document": lambda: _("“%(name)s” is not a text, Word (.docx) or PDF document."),
    }
    make = texts.get(error.code)
    return make() % p if make is not None else str(error)
