"""Staff changes to monitoring: validated, permission-checked, audited in the same transaction."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from wagtail.models import ModelLogEntry

from tests.conftest import World, make_user
from ttdn.core.actor import SYSTEM
from ttdn.monitoring import services
from ttdn.monitoring.models import Source, Topic
from ttdn.orgs.models import Role


def entries(obj: object, action: str) -> list[ModelLogEntry]:
    return list(
        ModelLogEntry.objects.filter(action=action, object_id=str(obj.pk))  # type: ignore[attr-defined]
    )


def test_a_source_is_created_and_changed_with_audit(world: World) -> None:
    source = services.source_save(
        actor=world.coordinator,
        source=Source(
            slug="bao", name="  Báo   Bắc Ninh ", url="http://127.0.0.1:9/rss.xml", country="vn"
        ),
    )
    assert source.name == "Báo Bắc Ninh"
    assert source.country == "VN"
    assert len(entries(source, "monitoring.source.created")) == 1
    source.interval_minutes = 15
    source.etag = '"abc"'
    source.health = Source.Health.OK
    services.source_save(actor=world.coordinator, source=source)
    (changed,) = entries(source, "monitoring.source.updated")
    assert changed.data == {"interval_minutes": [30, 15]}
    # A new address starts afresh: no conditional GET with the old site's tag.
    source.url = "http://127.0.0.1:9/atom.xml"
    services.source_save(actor=world.coordinator, source=source)
    source.refresh_from_db()
    assert (source.etag, source.health) == ("", Source.Health.NEW)


def test_unchanged_saves_write_no_audit(world: World) -> None:
    source = services.source_save(
        actor=SYSTEM, source=Source(slug="bao", name="Báo", url="http://127.0.0.1:9/rss.xml")
    )
    services.source_save(actor=SYSTEM, source=source)
    assert entries(source, "monitoring.source.updated") == []


def test_private_addresses_are_refused_on_save(world: World) -> None:
    with pytest.raises(ValidationError) as error:
        services.source_save(
            actor=world.coordinator,
            source=Source(slug="x", name="X", url="http://192.168.1.10/feed"),
        )
    assert "192.168.1.10" in str(error.value.message_dict["url"])
    assert not Source.objects.exists()


def test_only_coordinators_and_analysts_manage(world: World) -> None:
    editor = make_user("editor", world.department, Role.EDITOR)
    for actor in (world.officer_a, world.leader_a, editor):
        with pytest.raises(PermissionDenied):
            services.topic_save(actor=actor, topic=Topic(slug="t", name="T", query="vải"))
    analyst = make_user("analyst", world.department, Role.ANALYST)
    topic = services.topic_save(actor=analyst, topic=Topic(slug="t", name="T", query="vải"))
    assert topic.created_by == analyst


def test_a_topic_query_is_checked_before_saving(world: World) -> None:
    with pytest.raises(ValidationError) as error:
        services.topic_save(
            actor=world.coordinator, topic=Topic(slug="t", name="T", query="vải NEAR/5")
        )
    assert error.value.message_dict["query"] == ["cột 5: NEAR/5 cần một từ ở bên phải"]
    topic = services.topic_save(
        actor=world.coordinator, topic=Topic(slug="t", name="T", query="  vải thiều  ")
    )
    assert topic.query == "vải thiều"
    topic.query = "vải OR nhãn"
    services.topic_save(actor=world.coordinator, topic=topic)
    (changed,) = entries(topic, "monitoring.topic.updated")
    assert changed.data == {"query": ["vải thiều", "vải OR nhãn"]}
