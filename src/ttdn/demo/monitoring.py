"""The demo's press monitoring: sources on the local press site and the plan's topics."""

from __future__ import annotations

import json
from typing import Any

from django.db import transaction

from ttdn.core.actor import SYSTEM
from ttdn.demo.files import DATA
from ttdn.demo.press_site import manifest
from ttdn.monitoring import services
from ttdn.monitoring.models import Source, Topic

TOPICS_FILE = DATA / "topics.json"


def topics() -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads(TOPICS_FILE.read_text(encoding="utf-8"))
    return data


@transaction.atomic
def load_monitoring(base: str) -> None:
    """Create (or point at ``base``) the press site's sources, and the demo topics."""
    for row in manifest()["sources"]:
        kind = {"rss": "feed", "atom": "feed", "feed": "feed"}.get(row["kind"], row["kind"])
        source = Source.objects.filter(slug=row["slug"]).first() or Source(slug=row["slug"])
        wanted = {
            "name": row["name"],
            "kind": kind,
            "url": base + row["url"],
            "language": row.get("language", ""),
            "country": row.get("country", ""),
            "interval_minutes": int(row.get("interval_minutes", 30)),
            "rate_limit_seconds": 0.0,
        }
        if source.pk and all(getattr(source, key) == value for key, value in wanted.items()):
            continue
        for key, value in wanted.items():
            setattr(source, key, value)
        services.source_save(actor=SYSTEM, source=source)
    for row in topics():
        topic = Topic.objects.filter(slug=row["slug"]).first()
        if topic is not None:
            continue
        services.topic_save(
            actor=SYSTEM,
            topic=Topic(
                slug=row["slug"],
                name=row["name"],
                name_en=row.get("name_en", ""),
                description=row.get("description", ""),
                query=row["query"],
            ),
        )
