"""The plan screens: readable by every staff member, in Vietnamese, written only by import."""

import re
from typing import Any

from django.contrib.auth.models import User
from django.urls import reverse

from tests.conftest import make_user
from tests.orgs.test_admin_views import client_for, english_on
from ttdn.core.actor import SYSTEM
from ttdn.demo.files import PLAN_FILE
from ttdn.demo.load import load_units
from ttdn.orgs.models import Role, Unit
from ttdn.plans import services
from ttdn.plans.models import Plan, Task


def test_plan_screens(db: None) -> None:
    load_units()
    officer = make_user("officer", Unit.objects.get(code="so-tu-phap"), Role.FOCAL_OFFICER)
    admin = User.objects.create_superuser("root", "root@example.org", "pw")
    plan = services.plan_import_file(
        actor=SYSTEM, data=PLAN_FILE.read_bytes(), filename="x.txt"
    ).plan
    task = Task.objects.get(plan=plan, code="IV.4.3")
    client = client_for(officer)
    for url in (
        reverse("wagtailsnippets_plans_plan:list"),
        reverse("wagtailsnippets_plans_plan:inspect", args=[plan.pk]),
        reverse("wagtailsnippets_plans_task:list") + "?q=Bản tin",
        reverse("wagtailsnippets_plans_legaldocument:list"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert english_on(response.content.decode()) == [], url
    listing = client.get(reverse("wagtailsnippets_plans_task:list") + "?q=Bản tin").content
    assert "Phát hành Bản tin đối ngoại điện tử" in listing.decode()
    edit = reverse("wagtailsnippets_plans_task:edit", args=[task.pk])
    assert client.post(edit, {"title": "Hacked"}).status_code in (302, 403)
    assert client_for(admin).post(edit, {"title": "Hacked"}).status_code in (302, 403)
    assert Task.objects.get(pk=task.pk).title.startswith("Phát hành")
    assert Plan.objects.count() == 1


def test_plan_page_shows_every_task_with_its_units(
    db: None, django_assert_max_num_queries: Any
) -> None:
    load_units()
    officer = make_user("officer", Unit.objects.get(code="so-tu-phap"), Role.FOCAL_OFFICER)
    plan = services.plan_import_file(
        actor=SYSTEM, data=PLAN_FILE.read_bytes(), filename="x.txt"
    ).plan
    client = client_for(officer)
    url = reverse("wagtailsnippets_plans_plan:inspect", args=[plan.pk])
    client.get(url)
    with django_assert_max_num_queries(30):
        response = client.get(url)
    html = response.content.decode()
    assert english_on(html) == []
    table = html[html.index('class="listing plan-tasks"') :]
    table = table[: table.index("</table>")]
    assert len(re.findall(r"<tr[ >]", table)) == 64  # header + 63 rows
    lead = Task.objects.get(plan=plan, code="IV.5.8").assignments.get(role="lead")
    assert lead.unit is not None
    assert f"<div>{lead.unit.name}</div>" in html  # IV.5.8's lead, as the registry names it
    assert "Ngày giải phóng miền Nam" in html  # commemorations
    assert "72/2015/NĐ-CP" in html  # citations
    document = plan.citations.get(document__number_symbol="72/2015/NĐ-CP").document
    cited = client.get(reverse("wagtailsnippets_plans_legaldocument:inspect", args=[document.pk]))
    assert plan.number in cited.content.decode()


def test_coordinators_set_how_progress_rolls_up(db: None) -> None:
    from wagtail.models import ModelLogEntry

    load_units()
    plan = services.plan_import_file(
        actor=SYSTEM, data=PLAN_FILE.read_bytes(), filename="x.txt"
    ).plan
    coordinator = make_user(
        "coord", Unit.objects.get(code="so-van-hoa-the-thao-va-du-lich"), Role.COORDINATOR
    )
    officer = make_user("officer", Unit.objects.get(code="so-tu-phap"), Role.FOCAL_OFFICER)
    url = reverse("wagtailsnippets_plans_plan:edit", args=[plan.pk])
    assert client_for(officer).post(url, {"rollup_rule": "mean"}).status_code in (302, 403)
    plan.refresh_from_db()
    assert plan.rollup_rule == "lead_only"
    page = client_for(coordinator).get(url)
    assert english_on(page.content.decode()) == []
    response = client_for(coordinator).post(url, {"rollup_rule": "weighted"})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.rollup_rule == "weighted"
    assert ModelLogEntry.objects.filter(action=services.PLAN_SETTINGS).count() == 1
    assert plan.title.startswith("Kế hoạch")  # the document's text is untouched
