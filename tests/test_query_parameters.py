"""Junk in any parameter of the department's and the units' views is a 4xx, never a 500.

Every query (and posted) parameter of the views of reporting, plans and monitoring gets the
values people and scanners send: words where numbers go, negative and huge numbers, a quote,
a NUL byte, a very long value.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from tests.reporting.conftest import plan  # noqa: F401 (the seed plan fixture)
from ttdn.core.actor import SYSTEM
from ttdn.demo.files import PLAN_FILE
from ttdn.demo.load import load_reporting
from ttdn.monitoring import services as monitoring_services
from ttdn.monitoring.models import Topic
from ttdn.plans import services as plan_services
from ttdn.plans.models import Plan
from ttdn.reporting.models import Submission

JUNK = ["abc", "-1", "99999999999999999999", "'", "\x00", "%00", "NaN", "9" * 5000, "ä" * 10_000]

GET_PARAMETERS = {
    "reporting_tasks": ["p"],
    "reporting_dashboard": ["plan", "export"],
    "reporting_submissions": ["p"],
    "monitoring_overview": ["p"],
    "monitoring_clusters": ["p"],
    "monitoring_query_check": ["q"],
    "monitoring_search": [
        "q",
        "strict",
        "date_from",
        "date_to",
        "source",
        "language",
        "country",
        "topic",
        "p",
    ],
    "plans_import": ["p"],
    "wagtailsnippets_plans_plan:list": ["q", "p", "year", "ordering"],
    "wagtailsnippets_plans_task:list": ["q", "p", "plan", "is_heading", "ordering"],
    "wagtailsnippets_plans_legaldocument:list": ["q", "p", "kind", "ordering"],
    "wagtailsnippets_reporting_reportcycle:list": ["q", "p", "ordering"],
    "wagtailsnippets_reporting_calendarday:list": ["q", "p", "ordering"],
}


@pytest.fixture
def admin_client(plan: Plan) -> Client:  # noqa: F811
    load_reporting(plan)
    admin = User.objects.create_superuser("root", "root@example.org", "pw-root")
    monitoring_services.topic_save(actor=admin, topic=Topic(slug="t", name="T", query="vải"))
    client = Client(raise_request_exception=False)  # a 500 is a status to assert on
    client.force_login(admin)
    return client


def _pages(client: Client) -> dict[str, tuple[str, list[str]]]:
    """Each page's address and the parameters it reads."""
    pages = {name: (reverse(name), params) for name, params in GET_PARAMETERS.items()}
    topic = Topic.objects.get()
    pages["monitoring_topic"] = (reverse("monitoring_topic", args=[topic.pk]), ["p"])
    return pages


@pytest.mark.parametrize("app", ["reporting", "monitoring", "plans", "wagtailsnippets"])
def test_junk_in_query_parameters_is_never_a_server_error(admin_client: Client, app: str) -> None:
    failures = []
    for name, (url, params) in _pages(admin_client).items():
        if not name.startswith(app):
            continue
        for param in params:
            for value in JUNK:
                query = {param: value} if param == "q" else {param: value, "q": "vải"}
                status = admin_client.get(url, query).status_code
                if status >= 500:
                    failures.append((name, param, value[:20], status))
    assert failures == []


def test_junk_in_posted_parameters_is_never_a_server_error(admin_client: Client) -> None:
    draft = Submission.objects.filter(state__in=["draft", "returned"]).first()
    submitted = Submission.objects.filter(state="submitted").first()
    assert draft is not None
    assert submitted is not None
    indicator = draft.cycle.indicators.first()
    assert indicator is not None
    upload = plan_services.plan_upload_create(
        actor=SYSTEM, filename="k.txt", data=PLAN_FILE.read_bytes()
    )
    report = reverse("reporting_submission", args=[draft.pk])
    preview = reverse("plans_import_preview", args=[upload.pk])
    failures = []
    for value in JUNK:
        posts = [
            (report, {"action": "save", "narrative": value}),
            (report, {"action": "save", f"indicator_{indicator.pk}": value}),
            (report, {"action": value, "narrative": value}),
            (
                reverse("reporting_submission", args=[submitted.pk]),
                {"action": "return", "reason": value},
            ),
            (preview, {"action": "create_units", "names-TOTAL_FORMS": value}),
            (
                preview,
                {
                    "action": "create_units",
                    "names-TOTAL_FORMS": "1",
                    "names-INITIAL_FORMS": "0",
                    "names-0-written": value,
                    "names-0-name": value,
                    "names-0-short_name": value,
                    "names-0-kind": value,
                    "names-0-action": value,
                    "names-0-unit": value,
                },
            ),
            (
                preview,
                {
                    "action": "create_units",
                    "names-TOTAL_FORMS": "1",
                    "names-INITIAL_FORMS": "0",
                    "names-0-written": "Hội Nhà báo tỉnh",
                    "names-0-action": "alias",
                    "names-0-unit": value,
                },
            ),
            (preview, {"action": value}),
        ]
        for url, data in posts:
            status = admin_client.post(url, data).status_code
            if status >= 500:
                failures.append((url, sorted(data), value[:20], status))
    assert failures == []


def test_the_dashboard_names_the_bad_parameter(admin_client: Client) -> None:
    url = reverse("reporting_dashboard")
    response = admin_client.get(url, {"plan": "abc"})
    assert response.status_code == 400
    assert "“plan”" in response.content.decode()
    assert "Tham số “plan”: Nhập một số" in response.content.decode()
    assert admin_client.get(url, {"plan": "99999999"}).status_code == 404
    assert admin_client.get(url, {"export": "report.html"}).status_code == 404
    assert admin_client.get(url, {"export": "matrix"}).status_code == 200
