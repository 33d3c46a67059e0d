"""The yearly report cycle: draft → submitted → returned → resubmitted → approved."""

from __future__ import annotations

import time
from collections.abc import Callable
from threading import Barrier, Event, Thread

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, connections, transaction
from django.utils import translation
from wagtail.models import ModelLogEntry

from tests.reporting.conftest import D, member, part
from ttdn.core.actor import SYSTEM
from ttdn.orgs.models import Role, Unit
from ttdn.plans.models import Plan
from ttdn.reporting import cycles, services
from ttdn.reporting.models import ReportCycle, Submission


def test_the_plan_opens_its_yearly_cycle_for_todays_units(plan: Plan) -> None:
    cycle = cycles.cycle_from_plan(actor=SYSTEM, plan=plan)
    assert cycle.deadline == D(2025, 11, 15)
    assert (cycle.period_start, cycle.period_end) == (D(2025, 1, 1), D(2025, 12, 31))
    assert cycle.indicators.count() == 8
    codes = set(cycle.submissions.values_list("unit__code", flat=True))
    assert "so-cong-thuong" in codes
    assert "so-ngoai-vu" not in codes  # merged on 01/03/2025 …
    assert "van-phong-ubnd-tinh" in codes  # … its successor reports instead
    assert all(s.state == Submission.State.DRAFT for s in cycle.submissions.all())


def test_the_whole_round_trip(plan: Plan) -> None:
    cycle = cycles.cycle_from_plan(actor=SYSTEM, plan=plan)
    officer = member("officer", "hoi-nha-bao-tinh", Role.FOCAL_OFFICER)
    coordinator = member("coord", "so-van-hoa-the-thao-va-du-lich", Role.COORDINATOR)
    other = member("other", "so-tu-phap", Role.FOCAL_OFFICER)
    submission = cycle.submissions.get(unit__code="hoi-nha-bao-tinh")
    news = cycle.indicators.get(position=0)
    services.progress_record(
        actor=officer,
        assignment=part(plan, "IV.5.8", "hoi-nha-bao-tinh"),
        status="done",
        percent=100,
        reported_on=D(2025, 9, 1),
    )
    with pytest.raises(PermissionDenied):
        cycles.submission_save_draft(actor=other, submission=submission, narrative="x", values={})
    with pytest.raises(ValidationError) as caught:
        cycles.submission_save_draft(
            actor=officer, submission=submission, narrative="Kết quả", values={news.pk: "-3"}
        )
    assert f"indicator_{news.pk}" in caught.value.message_dict
    cycles.submission_save_draft(
        actor=officer, submission=submission, narrative="Kết quả năm 2025", values={news.pk: "12"}
    )
    cycles.submission_submit(actor=officer, submission=submission)
    submission.refresh_from_db()
    assert submission.state == Submission.State.SUBMITTED
    (snapshot,) = submission.snapshots.all()
    assert snapshot.data["values"] == {str(news.pk): "12"}
    assert any(t["task"] == "IV.5.8" and t["percent"] == 100 for t in snapshot.data["tasks"])
    # Sent is sent: the unit cannot change it, the department cannot approve a draft.
    with pytest.raises(ValidationError):
        cycles.submission_save_draft(actor=officer, submission=submission, narrative="y", values={})
    with pytest.raises(PermissionDenied):
        cycles.submission_return(actor=officer, submission=submission, reason="x")
    with pytest.raises(ValidationError) as caught:
        cycles.submission_return(actor=coordinator, submission=submission, reason=" ")
    assert "reason" in caught.value.message_dict
    cycles.submission_return(
        actor=coordinator, submission=submission, reason="Bổ sung số liệu tập huấn."
    )
    submission.refresh_from_db()
    assert (submission.state, submission.return_reason) == ("returned", "Bổ sung số liệu tập huấn.")
    cycles.submission_save_draft(
        actor=officer,
        submission=submission,
        narrative="Kết quả (bổ sung)",
        values={news.pk: "12", cycle.indicators.get(position=2).pk: "2"},
    )
    cycles.submission_submit(actor=officer, submission=submission)
    cycles.submission_approve(actor=coordinator, submission=submission)
    submission.refresh_from_db()
    assert submission.state == Submission.State.APPROVED
    first, second = submission.snapshots.order_by("version")
    assert first.data["narrative"] == "Kết quả năm 2025"  # the first version stays as sent
    assert second.data["narrative"] == "Kết quả (bổ sung)"
    with pytest.raises(ValidationError):
        cycles.submission_submit(actor=officer, submission=submission)
    actions = list(
        ModelLogEntry.objects.filter(
            object_id=str(submission.pk),
            content_type=ContentType.objects.get_for_model(Submission),
        )
        .order_by("timestamp", "pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        cycles.DRAFT_SAVED,
        cycles.SUBMITTED,
        cycles.RETURNED,
        cycles.DRAFT_SAVED,
        cycles.SUBMITTED,
        cycles.APPROVED,
    ]


def test_leader_approval_before_the_report_leaves_the_unit(plan: Plan) -> None:
    unit = Unit.objects.get(code="so-cong-thuong")
    cycle = cycles.cycle_create(
        actor=SYSTEM,
        plan=plan,
        name="Báo cáo quý",
        period_start=D(2025, 1, 1),
        period_end=D(2025, 3, 31),
        data_cutoff=D(2025, 3, 20),
        deadline=D(2025, 3, 25),
        units=[unit],
        leader_approval=True,
    )
    officer = member("officer", "so-cong-thuong", Role.FOCAL_OFFICER)
    leader = member("leader", "so-cong-thuong", Role.UNIT_LEADER)
    submission = cycle.submissions.get()
    cycles.submission_submit(actor=officer, submission=submission)
    submission.refresh_from_db()
    assert submission.state == Submission.State.AWAITING_LEADER
    assert not submission.snapshots.exists()
    with pytest.raises(PermissionDenied):
        cycles.submission_leader_approve(actor=officer, submission=submission)
    cycles.submission_leader_approve(actor=leader, submission=submission)
    submission.refresh_from_db()
    assert submission.state == Submission.State.SUBMITTED
    assert submission.snapshots.get().sent_by == leader


def test_cycle_dates_are_checked(plan: Plan) -> None:
    with pytest.raises(ValidationError) as caught:
        cycles.cycle_create(
            actor=SYSTEM,
            plan=plan,
            name="x",
            period_start=D(2025, 6, 1),
            period_end=D(2025, 1, 1),
            data_cutoff=D(2025, 3, 20),
            deadline=D(2025, 3, 1),
            units=[],
        )
    assert set(caught.value.message_dict) == {"period_end", "deadline", "units"}


def test_coordinators_configure_a_cycles_indicators(plan: Plan) -> None:
    from django.urls import reverse

    from tests.orgs.test_admin_views import client_for, english_on

    cycle = cycles.cycle_from_plan(actor=SYSTEM, plan=plan)
    coordinator = client_for(member("coord", "so-van-hoa-the-thao-va-du-lich", Role.COORDINATOR))
    url = reverse("wagtailsnippets_reporting_reportcycle:edit", args=[cycle.pk])
    page = coordinator.get(url)
    assert page.status_code == 200
    assert english_on(page.content.decode()) == []
    indicators = list(cycle.indicators.order_by("position"))
    form = {
        "name": cycle.name,
        "period_start": "01/01/2025",
        "period_end": "31/12/2025",
        "data_cutoff": "14/11/2025",
        "deadline": "15/11/2025",
        "outline": "I. Kết quả; II. Chỉ tiêu; III. Đề xuất",
        "indicators-TOTAL_FORMS": str(len(indicators) + 1),
        "indicators-INITIAL_FORMS": str(len(indicators)),
        "indicators-MIN_NUM_FORMS": "0",
        "indicators-MAX_NUM_FORMS": "1000",
    }
    for index, indicator in enumerate(indicators):
        form.update(
            {
                f"indicators-{index}-id": str(indicator.pk),
                f"indicators-{index}-name": indicator.name,
                f"indicators-{index}-measure": indicator.measure,
                f"indicators-{index}-ORDER": str(index + 1),
                f"indicators-{index}-DELETE": "on" if index == 7 else "",
            }
        )
    last = len(indicators)
    form.update(
        {
            f"indicators-{last}-id": "",
            f"indicators-{last}-name": "Số đoàn phóng viên nước ngoài được đón tiếp",
            f"indicators-{last}-measure": "đoàn",
            f"indicators-{last}-ORDER": str(last + 1),
            f"indicators-{last}-DELETE": "",
        }
    )
    response = coordinator.post(url, form)
    assert response.status_code == 302
    names = list(cycle.indicators.order_by("position").values_list("name", flat=True))
    assert names[-1] == "Số đoàn phóng viên nước ngoài được đón tiếp"
    assert "Số lượt truy cập cổng TTĐN" not in names
    assert ModelLogEntry.objects.filter(action=cycles.CYCLE_UPDATED).count() == 1
    officer = client_for(member("officer", "hoi-nha-bao-tinh", Role.FOCAL_OFFICER))
    assert officer.post(url, form).status_code in (302, 403)
    assert ModelLogEntry.objects.filter(action=cycles.CYCLE_UPDATED).count() == 1


def test_a_plan_has_one_yearly_cycle(plan: Plan) -> None:
    first = cycles.cycle_from_plan(actor=SYSTEM, plan=plan)
    with translation.override("vi"), pytest.raises(cycles.CycleExistsError) as caught:
        cycles.cycle_from_plan(actor=SYSTEM, plan=plan)
    message = caught.value.messages[0]
    assert "đã có kỳ báo cáo" in message
    assert "01/01/2025–31/12/2025" in message
    assert list(ReportCycle.objects.filter(plan=plan)) == [first]
    # Thematic and ad hoc reports may cover the same period.
    for kind in (ReportCycle.Kind.THEMATIC, ReportCycle.Kind.AD_HOC):
        cycles.cycle_create(
            actor=SYSTEM,
            plan=plan,
            name=f"Báo cáo {kind}",
            kind=kind,
            period_start=first.period_start,
            period_end=first.period_end,
            data_cutoff=first.data_cutoff,
            deadline=first.deadline,
            units=[first.submissions.first().unit],  # type: ignore[union-attr]
        )
    assert ReportCycle.objects.filter(plan=plan).count() == 3


def test_editing_a_cycle_onto_the_yearly_ones_period_is_refused(plan: Plan) -> None:
    yearly = cycles.cycle_from_plan(actor=SYSTEM, plan=plan)
    half = cycles.cycle_create(
        actor=SYSTEM,
        plan=plan,
        name="Báo cáo 6 tháng",
        period_start=D(2025, 1, 1),
        period_end=D(2025, 6, 30),
        data_cutoff=D(2025, 6, 15),
        deadline=D(2025, 6, 20),
        units=[yearly.submissions.first().unit],  # type: ignore[union-attr]
    )
    half.period_end = yearly.period_end
    with translation.override("vi"), pytest.raises(cycles.CycleExistsError) as caught:
        cycles.cycle_update(actor=SYSTEM, cycle=half)
    assert yearly.name in caught.value.messages[0]
    half.refresh_from_db()
    assert half.period_end == D(2025, 6, 30)


def _in_thread(work: Callable[[], object], outcome: dict[str, object], name: str) -> Thread:
    def run() -> None:
        try:
            outcome[name] = work()
        except Exception as exc:
            outcome[name] = exc
        finally:
            connections.close_all()

    thread = Thread(target=run, daemon=True)
    thread.start()
    return thread


def _waiting_on_a_lock() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        row = cursor.fetchone()
    return bool(row and row[0])


@pytest.mark.django_db(transaction=True)
def test_concurrent_openings_make_one_cycle(plan: Plan) -> None:
    """The second request passes the check before the first commits: the constraint decides."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite runs one writer at a time; the race needs PostgreSQL")
    created, release = Event(), Event()
    outcome: dict[str, object] = {}

    def first() -> object:
        with transaction.atomic():  # the first request's transaction, held open
            cycle = cycles.cycle_from_plan(actor=SYSTEM, plan=plan)
            created.set()
            release.wait(20)
        return cycle

    threads = [_in_thread(first, outcome, "first")]
    assert created.wait(20)
    threads.append(
        _in_thread(lambda: cycles.cycle_from_plan(actor=SYSTEM, plan=plan), outcome, "second")
    )
    deadline = time.monotonic() + 10
    while not _waiting_on_a_lock() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _waiting_on_a_lock(), "the second insert should wait on the first's unique key"
    release.set()
    for thread in threads:
        thread.join(20)
    assert isinstance(outcome["first"], ReportCycle)
    assert isinstance(outcome["second"], cycles.CycleExistsError), outcome["second"]
    assert ReportCycle.objects.filter(plan=plan).count() == 1


@pytest.mark.django_db(transaction=True)
def test_simultaneous_openings_make_one_cycle(plan: Plan) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite runs one writer at a time; the race needs PostgreSQL")
    start = Barrier(2)
    outcome: dict[str, object] = {}

    def open_cycle() -> object:
        start.wait(10)
        return cycles.cycle_from_plan(actor=SYSTEM, plan=plan)

    threads = [_in_thread(open_cycle, outcome, name) for name in ("a", "b")]
    for thread in threads:
        thread.join(30)
    kinds = sorted(type(value).__name__ for value in outcome.values())
    assert kinds == ["CycleExistsError", "ReportCycle"]
    assert ReportCycle.objects.filter(plan=plan).count() == 1


def test_a_report_bearing_a_state_secret_stamp_is_refused(plan: Plan) -> None:
    cycle = cycles.cycle_from_plan(actor=SYSTEM, plan=plan)
    officer = member("officer", "hoi-nha-bao-tinh", Role.FOCAL_OFFICER)
    coordinator = member("coord", "so-van-hoa-the-thao-va-du-lich", Role.COORDINATOR)
    submission = cycle.submissions.get(unit__code="hoi-nha-bao-tinh")
    news = cycle.indicators.get(position=0)
    for narrative, values, field in [
        ("BÁO CÁO\nMẬT\nKết quả năm 2025", {}, "narrative"),
        ("Kết quả năm 2025", {news.pk: "Tối mật"}, f"indicator_{news.pk}"),
    ]:
        with pytest.raises(ValidationError) as caught:
            cycles.submission_save_draft(
                actor=officer, submission=submission, narrative=narrative, values=values
            )
        assert "Luật Bảo vệ bí mật nhà nước 2018" in caught.value.message_dict[field][0]
    submission.refresh_from_db()
    assert submission.narrative == ""
    for bad in ("NaN", "Infinity", "1e999999"):
        with pytest.raises(ValidationError) as caught:
            cycles.submission_save_draft(
                actor=officer, submission=submission, narrative="", values={news.pk: bad}
            )
        assert f"indicator_{news.pk}" in caught.value.message_dict
    # Prose about secrets is a report like any other.
    cycles.submission_save_draft(
        actor=officer,
        submission=submission,
        narrative="Đơn vị quán triệt công tác bảo vệ bí mật nhà nước.",
        values={news.pk: "12"},
    )
    cycles.submission_submit(actor=officer, submission=submission)
    with pytest.raises(ValidationError) as caught:
        cycles.submission_return(actor=coordinator, submission=submission, reason="Tuyệt mật")
    assert "reason" in caught.value.message_dict
    submission.refresh_from_db()
    assert (submission.state, submission.return_reason) == (Submission.State.SUBMITTED, "")
