"""Re-index the articles whose title or text has several blocks (lines).

The index now writes a placeholder token between two blocks, so that no phrase runs from a
heading into the paragraph under it (``query/fts.py``, issue 11). Rows indexed before lack it;
only rows holding a line break change. Nothing is re-indexed backwards: the old code reads the
new rows correctly (the placeholder matches no query term).
"""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps
from django.db.models import Q

from ttdn.monitoring.query.fts import fts_text, pairs_text
from ttdn.monitoring.query.tokens import BREAKS, FieldText

BATCH = 500


def reindex(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor | None) -> None:
    article_model = apps.get_model("monitoring", "Article")
    has_break = Q()
    for char in BREAKS:
        has_break |= Q(title__contains=char) | Q(text__contains=char)
    ids = list(article_model.objects.filter(has_break).order_by("id").values_list("id", flat=True))
    fields = ["search_title", "search_text", "search_pairs"]
    for at in range(0, len(ids), BATCH):
        batch = list(
            article_model.objects.filter(id__in=ids[at : at + BATCH]).only("title", "text")
        )
        for article in batch:
            title, text = FieldText.of(article.title), FieldText.of(article.text)
            article.search_title = fts_text(title)
            article.search_text = fts_text(text)
            article.search_pairs = pairs_text(title, text)
        article_model.objects.bulk_update(batch, fields)


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0002_full_text_search")]

    operations = [migrations.RunPython(reindex, migrations.RunPython.noop)]
