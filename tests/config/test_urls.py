"""Every URL of the project, as every kind of user: no 500, nothing of another unit, no leaks.

The walk discovers the patterns from Django's resolver itself. Each path converter is filled from
the data (other units' memberships, drafts and progress, department-only sources and topics); a
pattern the walk cannot fill fails the test with what to add, so a new endpoint is never skipped.
"""

from __future__ import annotations

import datetime
import hashlib
import itertools
import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.models import Page

from tests.conftest import make_user
from ttdn.core.actor import SYSTEM
from ttdn.demo.load import load_demo
from ttdn.monitoring import services as monitoring_services
from ttdn.monitoring.models import Article, Cluster, Source, Topic
from ttdn.orgs.models import Membership, Role, Unit
from ttdn.plans.models import Plan, PlanUpload, TaskAssignment
from ttdn.reporting import cycles
from ttdn.reporting import services as reporting_services
from ttdn.reporting.models import Evidence, Submission

UNIT_A = "so-cong-thuong"  # demo: lanhdao.sct (leader), daumoi.sct (focal officer)
UNIT_B = "so-tu-phap"  # demo: daumoi.stp (focal officer); the walk adds a viewer
DEPT = "dept"

# Pages anyone may open: the login and password-reset screens and their static helpers.
PUBLIC_ADMIN = {
    "wagtailadmin_login",
    "wagtailadmin_password_reset",
    "wagtailadmin_password_reset_done",
    "wagtailadmin_password_reset_confirm",
    "wagtailadmin_password_reset_complete",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
}
# Wagtail's page that fails on purpose, to show the error page (a 500 is its answer).
FAILS_ON_PURPOSE = {"wagtailadmin_error_test"}
# Screens of the coordinating department: a unit user never gets them.
DEPARTMENT_PREFIXES = (
    "monitoring_",
    "wagtailsnippets_monitoring_",
    "wagtailsnippetchoosers_monitoring_",
    "reporting_dashboard",
    "reporting_provincial_report",
    "reporting_open_cycle",
    "plans_import",
)


@dataclass(frozen=True)
class Pattern:
    name: str  # namespaced name, or the route for an unnamed pattern
    route: str
    kwargs: tuple[str, ...]
    converters: dict[str, str]
    named: bool = True


@dataclass(frozen=True)
class Target:
    pattern: str
    url: str
    owner: str | None = None  # the unit code (or "dept") whose private object the URL names


@dataclass
class World:
    users: dict[str, User | None]
    units_of: dict[str, str | None]  # username → unit code of a unit user (None: department)
    secrets: dict[str, list[str]]  # unit code or "dept" → text no one else may see
    ids: dict[str, list[tuple[Any, str | None]]] = field(default_factory=dict)


def patterns(
    resolvers: list[Any] | None = None, prefix: str = "", namespace: str = ""
) -> Iterator[Pattern]:
    """Every pattern under the root resolver, namespaced includes followed."""
    for entry in get_resolver().url_patterns if resolvers is None else resolvers:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from patterns(entry.url_patterns, route, inner)
            continue
        assert isinstance(entry, URLPattern)
        converters = {
            key: type(value).__name__
            for key, value in getattr(entry.pattern, "converters", {}).items()
        }
        kwargs = tuple(entry.pattern.regex.groupindex)
        name = f"{namespace}{entry.name}" if entry.name else route
        yield Pattern(
            name=name, route=route, kwargs=kwargs, converters=converters, named=bool(entry.name)
        )


def _snippet_model(name: str) -> str | None:
    """``orgs.membership`` for the snippet and chooser views of the Membership snippet."""
    for prefix in ("wagtailsnippets_", "wagtailsnippetchoosers_"):
        if name.startswith(prefix):
            app_model = name.removeprefix(prefix).split(":")[0]
            app, _, model = app_model.partition("_")
            return f"{app}.{model}"
    return None


MISSING = 999_999  # an id no row has: the view must answer 404, not fail


def _root() -> int:
    return Page.objects.get(depth=1).pk


# Whole patterns filled at once: name → paths (with their owner).
def _fill_special(world: World, pattern: Pattern) -> list[Target] | None:
    name = pattern.name
    ids = world.ids
    if name == "wagtail_bulk_action":
        targets = []
        for app, models in _bulk_actions().items():
            for model, actions in models.items():
                for action in actions:
                    for pk, owner in ids.get(f"{app}.{model}", [(MISSING, None)]):
                        url = reverse(name, args=[app, model, action]) + f"?id={pk}"
                        targets.append(Target(name, url, owner))
        return targets
    if name == "wagtailadmin_pages:revisions_compare":
        url = reverse(name, args=[_root(), "earliest", "latest"])
        return [Target(name, url)]
    if name == "wagtaildocs_serve":
        return [Target(name, f"/documents/{MISSING}/bao-cao.pdf")]
    if name == "wagtail_serve":
        return [Target(name, "/"), Target(name, "/khong-co-trang-nay/")]
    if name == "admin/^.*/$":
        return [Target(name, "/admin/khong-co-trang-nay/")]
    if name == "admin/test404/":
        return [Target(name, "/admin/test404/")]
    if name.startswith("wagtailadmin_editing_sessions:ping"):
        pk, owner = ids["orgs.membership"][0]
        url = reverse(name, args=["orgs", "membership", pk, MISSING])
        return [Target(name, url, owner)]
    return None


def _bulk_actions() -> dict[str, dict[str, list[str]]]:
    bulk_action_registry._scan_for_bulk_actions()
    return {
        app: {model: list(actions) for model, actions in models.items()}
        for app, models in bulk_action_registry.actions.items()
    }


# One kwarg at a time: (pattern name or "*", kwarg) → values with their owner.
def _kwarg_fillers(world: World) -> dict[tuple[str, str], list[tuple[Any, str | None]]]:
    ids = world.ids
    page = [(_root(), None)]
    missing: list[tuple[Any, str | None]] = [(MISSING, None)]
    fillers: dict[tuple[str, str], list[tuple[Any, str | None]]] = {
        # Wagtail's page tree: ttdn has only the root page (the portal comes later).
        ("*", "page_id"): page,
        ("*", "parent_page_id"): page,
        ("*", "page_to_move_id"): page,
        ("*", "destination_id"): page,
        ("*", "page_pk"): page,
        # Rows ttdn never creates (revisions, workflows, images, documents, uploads, locks).
        ("*", "revision_id"): missing,
        ("*", "task_state_id"): missing,
        ("*", "task_id"): missing,
        ("*", "workflow_state_id"): missing,
        ("*", "workflow_pk"): missing,
        ("*", "document_id"): missing,
        ("*", "doc_id"): missing,
        ("*", "image_id"): missing,
        ("*", "uploaded_file_id"): missing,
        ("*", "restriction_id"): missing,
        ("*", "page_view_restriction_id"): missing,
        ("*", "session_id"): missing,
        ("*", "collection_id"): missing,
        ("*", "action_name"): [("approve", None)],
        ("*", "filter_spec"): [("original", None)],
        ("wagtaildocs_chooser:*", "pk"): missing,
        ("wagtailimages_chooser:*", "pk"): missing,
        ("*", "content_type_app_name"): [("wagtailcore", None)],
        ("*", "content_type_model_name"): [("page", None)],
        ("*", "uidb64"): [("MQ", None)],
        ("*", "token"): [("sai-ma", None)],
        ("wagtailadmin_pages:choose_parent", "app_label"): [("wagtailcore", None)],
        ("wagtailadmin_pages:choose_parent", "model_name"): [("page", None)],
        ("wagtailadmin_workflows:add_task", "app_label"): [("wagtailcore", None)],
        ("wagtailadmin_workflows:add_task", "model_name"): [("groupapprovaltask", None)],
        ("wagtailadmin_tag_model_autocomplete", "app_name"): [("taggit", None)],
        ("wagtailadmin_tag_model_autocomplete", "model_name"): [("tag", None)],
        ("wagtailadmin_api:pages:detail", "pk"): page,
        ("wagtailadmin_api:pages:action", "pk"): page,
        ("wagtailadmin_api:documents:detail", "pk"): missing,
        ("wagtailadmin_api:images:detail", "pk"): missing,
        ("wagtailadmin_collections:edit", "pk"): ids["wagtailcore.collection"],
        ("wagtailadmin_collections:delete", "pk"): ids["wagtailcore.collection"],
        ("wagtailadmin_workflows:*", "pk"): missing,
        ("wagtailusers_users:*", "pk"): ids["auth.user"],
        ("wagtailusers_groups:*", "pk"): ids["auth.group"],
        ("wagtailsites:*", "pk"): missing,
        ("wagtaillocales:*", "pk"): ids["wagtailcore.locale"],
        ("plans_import_preview", "pk"): ids["plans.planupload"],
        ("orgs_signin_unlock", "pk"): ids["auth.user"],
        ("reporting_assignment", "pk"): ids["plans.taskassignment"],
        ("reporting_open_cycle", "plan_pk"): ids["plans.plan"],
        ("reporting_provincial_report", "plan_pk"): ids["plans.plan"],
        ("reporting_provincial_report", "fmt"): [("docx", None), ("xlsx", None)],
        ("reporting_unit_report", "pk"): ids["reporting.submission"],
        ("reporting_submission", "pk"): ids["reporting.submission"],
        ("reporting_evidence_download", "pk"): ids["reporting.evidence"],
        ("monitoring_topic", "pk"): ids["monitoring.topic"],
        ("monitoring_article", "pk"): ids["monitoring.article"],
        ("monitoring_cluster", "pk"): ids["monitoring.cluster"],
        ("monitoring_poll", "pk"): ids["monitoring.source"],
    }
    return fillers


def _values(
    world: World,
    fillers: dict[tuple[str, str], list[tuple[Any, str | None]]],
    pattern: Pattern,
    kwarg: str,
) -> list[tuple[Any, str | None]] | None:
    model = _snippet_model(pattern.name)
    if model is not None and kwarg == "pk":
        return world.ids.get(model)
    namespace = pattern.name.split(":")[0] + ":*"
    for key in ((pattern.name, kwarg), (namespace, kwarg), ("*", kwarg)):
        if key in fillers:
            return fillers[key]
    return None


def targets(world: World, found: list[Pattern]) -> tuple[list[Target], list[str]]:
    """The URLs to request, and what the walk could not fill."""
    fillers = _kwarg_fillers(world)
    result: list[Target] = []
    unfilled: list[str] = []
    for pattern in found:
        special = _fill_special(world, pattern)
        if special is not None:
            result += special
            continue
        if not pattern.kwargs and pattern.named:
            result.append(Target(pattern.name, reverse(pattern.name)))
            continue
        choices = []
        for kwarg in pattern.kwargs or ("<positional>",):
            values = _values(world, fillers, pattern, kwarg)
            if values is None:
                converter = pattern.converters.get(kwarg, "regex group")
                unfilled.append(
                    f"{pattern.route} (name {pattern.name!r}): add a filler for converter "
                    f"{converter} / kwarg {kwarg!r} in tests/config/test_urls.py"
                )
                break
            choices.append([(kwarg, value, owner) for value, owner in values])
        else:
            for combination in itertools.product(*choices):
                kwargs = {kwarg: value for kwarg, value, _ in combination}
                owners = {owner for _, _, owner in combination if owner is not None}
                url = reverse(pattern.name, kwargs=kwargs)
                if pattern.name.endswith(":chosen_multiple"):
                    model = _snippet_model(pattern.name) or ""
                    url += "?" + "&".join(f"id={pk}" for pk, _ in world.ids.get(model, []))
                result.append(Target(pattern.name, url, owners.pop() if owners else None))
        if pattern.name.endswith(":choose_results"):
            # Search each chooser for one secret of each owner: none may come back to others.
            for secrets in world.secrets.values():
                url = reverse(pattern.name) + "?q=" + secrets[0].split()[0]
                result.append(Target(pattern.name, url))
    return result, unfilled


def _secret_token(label: str) -> str:
    return "BIMAT" + hashlib.sha256(label.encode()).hexdigest()[:10].upper()


def build_world() -> World:
    """The demo (two units with their people, a plan, a report cycle) plus private rows."""
    load_demo()
    unit_a, unit_b = Unit.objects.get(code=UNIT_A), Unit.objects.get(code=UNIT_B)
    department = Unit.objects.get(code="so-van-hoa-the-thao-va-du-lich")
    make_user("phantich", department, Role.ANALYST)
    make_user("xem.stp", unit_b, Role.VIEWER)
    users: dict[str, User | None] = {"anonymous": None}
    for username in (
        "admin",
        "dieuphoi",
        "phantich",
        "lanhdao.sct",
        "daumoi.sct",
        "daumoi.stp",
        "xem.stp",
    ):
        users[username] = User.objects.get(username=username)
    units_of = {
        "lanhdao.sct": UNIT_A,
        "daumoi.sct": UNIT_A,
        "daumoi.stp": UNIT_B,
        "xem.stp": UNIT_B,
    }
    secrets: dict[str, list[str]] = {UNIT_A: [], UNIT_B: [], DEPT: []}
    ids: dict[str, list[tuple[Any, str | None]]] = {}
    plan = Plan.objects.get()
    for code, unit in ((UNIT_A, unit_a), (UNIT_B, unit_b)):
        secrets[code] += list(
            Membership.objects.filter(unit=unit).values_list("user__username", flat=True)
        )
        part = TaskAssignment.objects.filter(task__plan=plan, unit=unit).order_by("pk").first()
        assert part is not None, f"the demo plan gives {code} no task"
        progress = _secret_token(f"progress {code}")
        reporting_services.progress_record(
            actor=SYSTEM,
            assignment=part,
            status="in_progress",
            percent=40,
            reported_on=datetime.date(2025, 10, 1),
            narrative=f"{progress} tiến độ riêng của đơn vị",
        )
        evidence = reporting_services.evidence_add(
            actor=SYSTEM,
            assignment=part,
            kind=Evidence.Kind.LINK,
            title=f"{_secret_token(f'evidence {code}')} minh chứng",
            url="https://example.org/minh-chung",
        )
        submission = Submission.objects.get(cycle__plan=plan, unit=unit)
        draft = _secret_token(f"draft {code}")
        if submission.state in (Submission.State.DRAFT, Submission.State.RETURNED):
            cycles.submission_save_draft(
                actor=SYSTEM, submission=submission, narrative=f"{draft} bản nháp", values={}
            )
        else:  # the demo sent this one already: make it a draft again for the walk
            Submission.objects.filter(pk=submission.pk).update(
                state=Submission.State.DRAFT, narrative=f"{draft} bản nháp"
            )
        secrets[code] += [progress, evidence.title, draft]
        ids.setdefault("plans.taskassignment", []).append((part.pk, code))
        ids.setdefault("reporting.submission", []).append((submission.pk, code))
        ids.setdefault("reporting.evidence", []).append((evidence.pk, code))
        memberships = Membership.objects.filter(unit=unit).order_by("pk")
        ids.setdefault("orgs.membership", []).append((memberships[0].pk, code))

    source = monitoring_services.source_save(
        actor=SYSTEM,
        source=Source(
            slug="nguon-noi-bo",
            name=f"{_secret_token('source')} nguồn nội bộ",
            url="https://example.org/rss",
        ),
    )
    topic = monitoring_services.topic_save(
        actor=SYSTEM,
        topic=Topic(
            slug="chu-de-noi-bo", name=f"{_secret_token('topic')} chủ đề", query="Bắc Giang"
        ),
    )
    article = Article.objects.create(
        source=source,
        url="https://example.org/bai-viet",
        url_key=hashlib.sha256(b"https://example.org/bai-viet").hexdigest(),
        state=Article.State.READY,
        title=f"{_secret_token('article')} bài viết",
    )
    cluster = Cluster.objects.create(first=article)
    upload = PlanUpload.objects.create(
        uploaded_by=users["dieuphoi"], filename="ke-hoach.txt", data=b"x", sha256="0" * 64
    )
    secrets[DEPT] += [source.name, topic.name]
    ids.update(
        {
            "monitoring.source": [(source.pk, DEPT)],
            "monitoring.topic": [(topic.pk, DEPT)],
            "monitoring.article": [(article.pk, DEPT)],
            "monitoring.cluster": [(cluster.pk, DEPT)],
            "plans.planupload": [(upload.pk, DEPT)],
            "plans.plan": [(plan.pk, None)],
            "auth.user": [(users["daumoi.sct"].pk, UNIT_A)],  # type: ignore[union-attr]
        }
    )
    from django.apps import apps

    for model in apps.get_models():
        key = model._meta.label_lower
        if key not in ids:
            first = model._default_manager.order_by("pk").values_list("pk", flat=True).first()
            ids[key] = [(first if first is not None else MISSING, None)]
    return World(users=users, units_of=units_of, secrets=secrets, ids=ids)


def _department_only(target: Target) -> bool:
    return target.owner == DEPT or target.pattern.startswith(DEPARTMENT_PREFIXES)


def _text(response: Any) -> str:
    content_type = response.get("Content-Type", "")
    if getattr(response, "streaming", False):
        body = b"".join(response.streaming_content)
    else:
        body = response.content
    if not content_type.startswith(("text/", "application/json", "application/javascript")):
        return ""
    return str(body.decode("utf-8", "replace"))


def check(world: World, username: str, target: Target) -> list[str]:
    """What is wrong with ``target`` requested as ``username``."""
    user = world.users[username]
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    try:
        response = client.get(target.url)
    except Exception as exc:  # a view that fails is what the walk reports
        return [f"{username} GET {target.url}: raised {type(exc).__name__}: {exc}"]
    status = response.status_code
    problems = []
    if status >= 500 and target.pattern not in FAILS_ON_PURPOSE:
        problems.append(f"{username} GET {target.url}: {status}")
    text = _text(response)
    if user is None:
        is_admin = target.url.startswith("/admin/") and target.pattern not in PUBLIC_ADMIN
        if is_admin and status == 200:
            problems.append(f"anonymous GET {target.url}: 200 instead of the login page")
        if is_admin and status == 302 and "/admin/login/" not in response["Location"]:
            problems.append(f"anonymous GET {target.url}: redirected to {response['Location']}")
        return problems
    unit = world.units_of.get(username)
    if unit is None:
        return problems
    if status == 200 and target.owner not in (None, unit):
        problems.append(f"{username} GET {target.url}: 200 on {target.owner}'s private row")
    if status == 200 and _department_only(target):
        problems.append(f"{username} GET {target.url}: 200 on a department-only page")
    for owner, secrets in world.secrets.items():
        if owner == unit:
            continue
        for secret in secrets:
            if secret in text:
                problems.append(f"{username} GET {target.url}: shows {owner}'s {secret!r}")
    return problems


def test_every_url_as_every_role(db: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATA_DIR", str(tmp_path))  # the demo's password file
    started = time.monotonic()
    world = build_world()
    found = list(patterns())
    planned, unfilled = targets(world, found)
    assert unfilled == [], "\n".join(unfilled)
    problems: list[str] = []
    request_log = logging.getLogger("django.request")
    level = request_log.level
    request_log.setLevel(logging.CRITICAL)  # 404s, 405s and the on-purpose 500 are expected
    try:
        for username in world.users:
            for target in planned:
                if username == "anonymous" and not target.url.startswith("/admin/"):
                    continue
                problems += check(world, username, target)
    finally:
        request_log.setLevel(level)
    elapsed = time.monotonic() - started
    print(f"walked {len(found)} patterns, {len(planned)} URLs, as 8 users in {elapsed:.0f} s")
    assert problems == [], f"{len(problems)} problems:\n" + "\n".join(problems)


def test_a_pattern_the_walk_cannot_fill_fails_with_what_to_add(db: None) -> None:
    world = World(users={}, units_of={}, secrets={}, ids={})
    for key in (
        "wagtailcore.collection",
        "auth.user",
        "auth.group",
        "wagtailcore.locale",
        "plans.planupload",
        "plans.taskassignment",
        "plans.plan",
        "reporting.submission",
        "reporting.evidence",
        "monitoring.topic",
        "monitoring.article",
        "monitoring.cluster",
        "monitoring.source",
    ):
        world.ids[key] = [(1, None)]
    new = Pattern(
        name="reporting_new_thing",
        route="admin/reporting/new/<uuid:token_id>/",
        kwargs=("token_id",),
        converters={"token_id": "UUIDConverter"},
    )
    planned, unfilled = targets(world, [new])
    assert planned == []
    assert unfilled == [
        "admin/reporting/new/<uuid:token_id>/ (name 'reporting_new_thing'): add a filler for "
        "converter UUIDConverter / kwarg 'token_id' in tests/config/test_urls.py"
    ]
