"""The built-in demo: every unit the seed plan names resolves, and loading twice changes nothing."""

import pytest
from django.contrib.auth.models import User
from wagtail.models import ModelLogEntry

from tests.conftest import D
from ttdn.demo.load import PLAN_FILE, load_demo
from ttdn.orgs.models import Membership, SuccessionEvent, Unit, UnitGroup
from ttdn.orgs.selectors import Outcome, unit_resolve

PLAN_DATE = D(2024, 11, 6)  # 69/KH-UBND ngày 06/11/2024

# Spellings copied from the seed plan's appendix (lead and coordinating cells) and section IV.
UNITS_IN_PLAN = [
    "Sở Thông tin và Truyền thông",
    "Sở Ngoại vụ",
    "Sở Công Thương",
    "Sở Kế hoạch và Đầu tư",
    "Sở KH&ĐT",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Công an tỉnh",
    "Sở Nông nghiệp và Phát triển nông thôn",
    "Báo Bắc Giang",
    "Đài Phát thanh và Truyền hình tỉnh",
    "Văn phòng UBND tỉnh (Trung tâm Thông tin)",
    "Liên hiệp các tổ chức hữu nghị tỉnh",
    "Hội Nhà báo tỉnh",
    "Ban Quản lý các KCN tỉnh",
    "Ban Quản lý các Khu công nghiệp tỉnh",
    "Sở Lao động - Thương binh và Xã hội",
    "Ban Dân tộc",
    "Xay Bổm Sum",
    "Xay Sổm Bun",
]
GROUPS_IN_PLAN = [
    "Các sở, ban, ngành, UBND huyện, thị xã, thành phố.",
    "UBND huyện, thị xã, thành phố",
    "các sở, ban, ngành cấp tỉnh",
    "các cơ quan báo chí Trung ương và địa phương",
    "Các sở, ban, ngành, địa phương",
]


@pytest.fixture
def demo(db: None, tmp_path: object, settings: object) -> None:
    settings.DATA_DIR = tmp_path  # type: ignore[attr-defined]
    load_demo()


def test_every_unit_of_the_plan_resolves_on_its_date(demo: None) -> None:
    unresolved = {}
    for name in UNITS_IN_PLAN:
        result = unit_resolve(name, on=PLAN_DATE)
        if result.outcome != Outcome.UNIT:
            unresolved[name] = result.suggestions
    assert unresolved == {}


def test_collective_phrases_resolve_to_members(demo: None) -> None:
    for name in GROUPS_IN_PLAN:
        result = unit_resolve(name, on=PLAN_DATE)
        assert result.outcome == Outcome.GROUP, (name, result.suggestions)
        assert len(result.units) >= 5, name


def test_the_2025_reorganisation_is_followed(demo: None) -> None:
    tttt = unit_resolve("Sở Thông tin và Truyền thông", on=D(2025, 6, 1))
    assert tttt.outcome == Outcome.SEVERAL
    assert "Sở Văn hóa, Thể thao và Du lịch tỉnh Bắc Giang" in {unit.name for unit in tttt.units}
    khdt = unit_resolve("Sở KH&ĐT", on=D(2025, 6, 1))
    assert khdt.unit is not None
    assert khdt.unit.code == "so-tai-chinh"
    districts = unit_resolve("UBND huyện, thị xã, thành phố", on=D(2025, 8, 1))
    assert districts.units == ()


def counts() -> tuple[int, ...]:
    models = (Unit, UnitGroup, SuccessionEvent, Membership, User, ModelLogEntry)
    return tuple(model.objects.count() for model in models)


def test_loading_twice_changes_nothing(demo: None) -> None:
    before = counts()
    load_demo()
    assert counts() == before
    assert before[0] > 60


def test_the_seed_plan_ships_inside_the_package() -> None:
    text = PLAN_FILE.read_text(encoding="utf-8")
    assert "HOẠT ĐỘNG THÔNG TIN ĐỐI NGOẠI CỦA TỈNH BẮC GIANG NĂM 2025" in text
