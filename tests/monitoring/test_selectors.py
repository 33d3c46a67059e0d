"""Reads for monitoring: the topic matcher follows every change to the topics."""

import pytest

from ttdn.monitoring.models import Topic
from ttdn.monitoring.query import Document
from ttdn.monitoring.selectors import topic_matcher

pytestmark = pytest.mark.django_db

DOC = Document.of(title="Vải thiều Lục Ngạn", text="Mùa vải thiều năm nay được giá.")


def _matching() -> set[str]:
    found = topic_matcher().match(DOC)
    return set(Topic.objects.filter(pk__in=found).values_list("slug", flat=True))


def test_the_matcher_is_rebuilt_when_a_topic_is_added_edited_deactivated_or_deleted() -> None:
    assert _matching() == set()
    vai = Topic.objects.create(slug="vai", name="Vải", query='"vải thiều"')
    assert _matching() == {"vai"}
    other = Topic.objects.create(slug="ocop", name="OCOP", query="OCOP")
    assert _matching() == {"vai"}
    other.query = 'ocop OR "luc ngan"'
    other.save()
    assert _matching() == {"vai", "ocop"}
    vai.is_active = False
    vai.save()
    assert _matching() == {"ocop"}
    other.delete()
    assert _matching() == set()
    vai.is_active = True
    vai.save()
    assert _matching() == {"vai"}
