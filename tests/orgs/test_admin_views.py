"""The staff screens: role checks over HTTP, writes through services, Vietnamese throughout."""

import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from wagtail.models import ModelLogEntry

from tests.conftest import World
from ttdn.core.actor import SYSTEM
from ttdn.monitoring import services as monitoring_services
from ttdn.monitoring.models import Source, Topic
from ttdn.orgs import services
from ttdn.orgs.models import Membership, Role, Unit

# English words that must not appear on a Vietnamese screen (product names aside).
ENGLISH = re.compile(
    r"\b(Sign in|Log in|Log out|Dashboard|Search|Settings|Reports|History|Edit|Delete|Add|"
    r"Save|Cancel|Users|Groups|Snippets|Help|Password|Username|Filter|Actions|Status|"
    r"Pages|Images|Documents|the|and|your|with|this|Show|Next|Previous)\b"
)


def visible_text(html: str) -> str:
    html = re.sub(r"(?s)<(script|style|template|svg)\b.*?</\1>", " ", html)
    html = re.sub(r"(?s)<!--.*?-->", " ", html)
    text = re.sub(r"(?s)<[^>]+>", " ", html)
    return re.sub(r"\s+", " ", text)


def english_on(html: str) -> list[str]:
    return sorted(set(ENGLISH.findall(visible_text(html))))


def client_for(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_login_page_is_vietnamese(db: None) -> None:
    response = Client().get("/admin/login/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="vi"' in html
    assert "Đăng nhập" in html
    assert english_on(html) == []


def test_key_pages_render_without_english(world: World) -> None:
    client = client_for(world.admin)
    unit = world.unit_a
    pages = [
        "/admin/",
        reverse("wagtailsnippets_orgs_unit:list"),
        reverse("wagtailsnippets_orgs_unit:edit", args=[unit.pk]),
        reverse("wagtailsnippets_orgs_unit:history", args=[unit.pk]),
        reverse("wagtailsnippets_orgs_unit:add"),
        reverse("wagtailsnippets_orgs_membership:list"),
        reverse("wagtailadmin_reports:site_history"),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert english_on(response.content.decode()) == [], url


def test_unit_history_shows_service_entries_in_vietnamese(world: World) -> None:
    response = client_for(world.admin).get(
        reverse("wagtailsnippets_orgs_unit:history", args=[world.unit_a.pk])
    )
    assert "Tạo đơn vị" in response.content.decode()


def test_officer_sees_units_but_cannot_change_them(world: World) -> None:
    client = client_for(world.officer_a)
    assert client.get(reverse("wagtailsnippets_orgs_unit:list")).status_code == 200
    edit = reverse("wagtailsnippets_orgs_unit:edit", args=[world.unit_b.pk])
    response = client.get(edit)
    assert response.status_code in (302, 403)
    response = client.post(edit, {"name": "Hacked"})
    assert response.status_code in (302, 403)
    assert Unit.objects.get(pk=world.unit_b.pk).name == "Sở Tư pháp"


def test_officer_of_a_sees_nothing_of_unit_b_people(world: World) -> None:
    client = client_for(world.officer_a)
    listing = client.get(reverse("wagtailsnippets_orgs_membership:list")).content.decode()
    assert "officer_a" in listing
    assert "officer_b" not in listing
    other = Membership.objects.get(user=world.officer_b)
    for view in ("inspect", "edit"):
        response = client.get(reverse(f"wagtailsnippets_orgs_membership:{view}", args=[other.pk]))
        assert response.status_code in (302, 403, 404), view
    # Nor through the snippet chooser (used by forms that pick a membership).
    chooser = client.get("/admin/snippets/choose/orgs/membership/").content.decode()
    assert "officer_b" not in chooser
    assert (
        client.get(f"/admin/snippets/choose/orgs/membership/chosen/{other.pk}/").status_code == 404
    )
    # The department sees everyone.
    listing = (
        client_for(world.coordinator)
        .get(reverse("wagtailsnippets_orgs_membership:list"))
        .content.decode()
    )
    assert "officer_a" in listing
    assert "officer_b" in listing


def test_generic_views_of_another_units_membership_are_404(world: World) -> None:
    """Usage, history and the chooser's results answer from the policy, like the list."""
    client = client_for(world.officer_a)
    other = Membership.objects.get(user=world.officer_b)
    for view in ("usage", "history", "history_results"):
        url = reverse(f"wagtailsnippets_orgs_membership:{view}", args=[other.pk])
        assert client.get(url).status_code == 404, view
    results = client.get("/admin/snippets/choose/orgs/membership/results/?q=officer")
    assert results.status_code == 200
    assert "officer_b" not in results.content.decode()
    multiple = client.get(f"/admin/snippets/choose/orgs/membership/chosen-multiple/?id={other.pk}")
    assert "officer_b" not in multiple.content.decode()
    own = Membership.objects.get(user=world.officer_a)
    url = reverse("wagtailsnippets_orgs_membership:usage", args=[own.pk])
    assert client_for(world.coordinator).get(url).status_code == 200


def test_department_only_snippets_are_closed_to_units_in_choosers_and_bulk_actions(
    world: World,
) -> None:
    source = monitoring_services.source_save(
        actor=SYSTEM, source=Source(slug="noi-bo", name="Nguồn nội bộ XYZ", url="https://a.vn/rss")
    )
    topic = monitoring_services.topic_save(
        actor=SYSTEM, topic=Topic(slug="noi-bo", name="Chủ đề nội bộ XYZ", query="Bắc Giang")
    )
    client = client_for(world.officer_a)
    for model, pk in (("source", source.pk), ("topic", topic.pk)):
        for url in (
            f"/admin/snippets/choose/monitoring/{model}/",
            f"/admin/snippets/choose/monitoring/{model}/results/?q=XYZ",
            f"/admin/snippets/choose/monitoring/{model}/chosen/{pk}/",
            f"/admin/snippets/choose/monitoring/{model}/chosen-multiple/?id={pk}",
            f"/admin/bulk/monitoring/{model}/delete/?id={pk}",
        ):
            response = client.get(url)  # refused: Wagtail turns a 403 into a redirect home
            assert response.status_code in (302, 403), url
            assert "XYZ" not in response.content.decode(), url
    # The department chooses them; nobody deletes them in bulk (no policy allows "delete").
    coordinator = client_for(world.coordinator)
    chooser = coordinator.get("/admin/snippets/choose/monitoring/source/results/?q=XYZ")
    assert "Nguồn nội bộ XYZ" in chooser.content.decode()
    bulk = coordinator.get(f"/admin/bulk/monitoring/source/delete/?id={source.pk}")
    assert bulk.status_code in (302, 403)
    assert "XYZ" not in bulk.content.decode()


def test_bulk_delete_of_a_visible_model_lists_only_visible_rows(world: World) -> None:
    """A model a leader may see but not delete: refused before any row is named."""
    other = Membership.objects.get(user=world.officer_b)
    response = client_for(world.leader_a).get(f"/admin/bulk/orgs/membership/delete/?id={other.pk}")
    assert response.status_code in (302, 403)
    assert "officer_b" not in response.content.decode()


def test_wagtail_localize_is_switched_off(world: World) -> None:
    response = client_for(world.officer_a).get("/admin/localize/api/snippets/orgs/membership/")
    assert response.status_code == 404


def test_membership_form_offers_only_own_people_and_new_accounts(world: World) -> None:
    User.objects.create_user("moi_tuyen", "moi@example.org", "pw")
    html = client_for(world.leader_a).get(reverse("wagtailsnippets_orgs_membership:add"))
    text = html.content.decode()
    # Usernames are the options' labels.
    assert ">officer_a<" in text
    assert ">moi_tuyen<" in text
    assert ">officer_b<" not in text
    assert ">coordinator<" not in text
    own = Membership.objects.get(user=world.officer_a)
    edit = client_for(world.leader_a).get(
        reverse("wagtailsnippets_orgs_membership:edit", args=[own.pk])
    )
    assert ">officer_b<" not in edit.content.decode()
    everyone = client_for(world.coordinator).get(reverse("wagtailsnippets_orgs_membership:add"))
    assert ">officer_b<" in everyone.content.decode()


def test_user_without_membership_is_kept_out(db: None) -> None:
    from django.contrib.auth.models import User

    nobody = User.objects.create_user("nobody", password="pw")
    response = client_for(nobody).get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_coordinator_creates_unit_through_the_service(world: World) -> None:
    client = client_for(world.coordinator)
    response = client.post(
        reverse("wagtailsnippets_orgs_unit:add"),
        {
            "name": "Sở Kế hoạch và Đầu tư",
            "short_name": "Sở KH&ĐT",
            "code": "so-khdt",
            "kind": "department",
            "valid_from": "",
            "valid_until": "",
            "email": "",
            "aliases-TOTAL_FORMS": "1",
            "aliases-INITIAL_FORMS": "0",
            "aliases-MIN_NUM_FORMS": "0",
            "aliases-MAX_NUM_FORMS": "1000",
            "aliases-0-name": "Sở Kế hoạch - Đầu tư",
            "aliases-0-id": "",
            "aliases-0-ORDER": "1",
            "aliases-0-DELETE": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    unit = Unit.objects.get(code="so-khdt")
    assert [alias.name for alias in unit.aliases.all()] == ["Sở Kế hoạch - Đầu tư"]
    entry = ModelLogEntry.objects.get(object_id=str(unit.pk), action=services.UNIT_CREATED)
    assert entry.user_id == world.coordinator.pk


def test_bad_input_is_shown_on_the_form_and_nothing_is_saved(world: World) -> None:
    client = client_for(world.coordinator)
    response = client.post(
        reverse("wagtailsnippets_orgs_unit:add"),
        {
            "name": "Sở Mới",
            "short_name": "Sở VHTT&DL",  # already the short name of another living unit
            "code": "so-moi",
            "kind": "department",
            "valid_from": "01/02/2025",
            "valid_until": "",
            "email": "",
            "aliases-TOTAL_FORMS": "0",
            "aliases-INITIAL_FORMS": "0",
            "aliases-MIN_NUM_FORMS": "0",
            "aliases-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Sở VHTT&amp;DL" in html
    assert "đã dùng cho đơn vị" in html
    assert 'value="Sở Mới"' in html  # the user's other input is kept
    assert not Unit.objects.filter(code="so-moi").exists()


def test_dates_are_shown_dd_mm_yyyy(world: World) -> None:
    world.unit_b.valid_from = __import__("datetime").date(2024, 11, 6)
    services.unit_save(actor=SYSTEM, unit=world.unit_b)
    html = client_for(world.admin).get(reverse("wagtailsnippets_orgs_unit:list")).content.decode()
    assert "06/11/2024" in html


@pytest.mark.parametrize("role", [Role.FOCAL_OFFICER, Role.VIEWER])
def test_leader_grants_in_own_unit_through_the_admin(world: World, role: str) -> None:
    from django.contrib.auth.models import User

    newcomer = User.objects.create_user("newcomer", password="pw")
    response = client_for(world.leader_a).post(
        reverse("wagtailsnippets_orgs_membership:add"),
        {"user": newcomer.pk, "unit": world.unit_a.pk, "role": role, "is_active": "on"},
    )
    assert response.status_code == 302
    assert Membership.objects.filter(user=newcomer, unit=world.unit_a, role=role).exists()
    response = client_for(world.leader_a).post(
        reverse("wagtailsnippets_orgs_membership:add"),
        {"user": newcomer.pk, "unit": world.unit_b.pk, "role": role, "is_active": "on"},
    )
    assert response.status_code == 200
    assert not Membership.objects.filter(user=newcomer, unit=world.unit_b).exists()


def test_unit_search_finds_aliases_once_each(world: World) -> None:
    client = client_for(world.officer_a)
    url = reverse("wagtailsnippets_orgs_unit:list")
    html = client.get(url, {"q": "sở văn hoá thể thao"}).content.decode()  # alias, new-style tone
    assert html.count(f"/admin/snippets/orgs/unit/edit/{world.unit_a.pk}/") <= 1
    assert "Sở Văn hóa, Thể thao và Du lịch" in html
    assert "Sở Tư pháp" not in html
    # Unit A has an alias starting with "Sở" too: it must still be listed once.
    html = client_for(world.admin).get(url, {"q": "Sở"}).content.decode()
    assert html.count(f'href="/admin/snippets/orgs/unit/edit/{world.unit_a.pk}/">') == 1


def test_membership_edit_changes_role_but_not_user_or_unit(world: World) -> None:
    membership = Membership.objects.get(user=world.officer_a, role=Role.FOCAL_OFFICER)
    response = client_for(world.leader_a).post(
        reverse("wagtailsnippets_orgs_membership:edit", args=[membership.pk]),
        {"user": world.admin.pk, "unit": world.unit_b.pk, "role": Role.VIEWER, "is_active": "on"},
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert (membership.user, membership.unit, membership.role) == (
        world.officer_a,
        world.unit_a,
        Role.VIEWER,
    )


def test_global_log_shows_service_entries_to_admins(world: World) -> None:
    url = reverse("wagtailadmin_reports:site_history")
    html = client_for(world.admin).get(url).content.decode()
    assert "Tạo đơn vị" in html
    assert "Phân công vai trò" in html
    assert "Sở Tư pháp" in html
    officer_view = client_for(world.officer_a).get(url)
    assert (
        officer_view.status_code in (302, 403) or "Sở Tư pháp" not in officer_view.content.decode()
    )


def test_lists_run_a_bounded_number_of_queries(
    world: World, django_assert_max_num_queries: Any
) -> None:
    """Adding rows adds no queries: the lists have no N+1."""
    from tests.conftest import D, make_unit

    def add_events(count: int) -> None:
        for _ in range(count):
            number = Unit.objects.count()
            older = make_unit(f"old-{number}", f"Đơn vị cũ {number}", aliases=[f"ĐVC {number}"])
            services.succession_record(
                actor=SYSTEM,
                kind="merge",
                effective_date=D(2025, 3, 1),
                predecessors=[older],
                successors=[world.unit_b],
            )

    add_events(1)
    client = client_for(world.admin)
    urls = [
        reverse("wagtailsnippets_orgs_successionevent:list"),
        reverse("wagtailsnippets_orgs_unit:list"),
        reverse("wagtailsnippets_orgs_membership:list"),
    ]
    baseline = {}
    for url in urls:
        client.get(url)  # warm caches (content types, site)
        with django_assert_max_num_queries(40) as queries:
            client.get(url)
        baseline[url] = len(queries.captured_queries)
    add_events(15)
    for url in urls:
        with django_assert_max_num_queries(baseline[url]):
            assert client.get(url).status_code == 200
