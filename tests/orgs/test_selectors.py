import unicodedata

from tests.conftest import D, World, make_unit
from ttdn.core.actor import SYSTEM
from ttdn.orgs import services
from ttdn.orgs.models import SuccessionKind, UnitGroup, UnitKind
from ttdn.orgs.selectors import Outcome, unit_resolve


def test_resolve_by_name_short_name_and_alias(world: World) -> None:
    on = D(2025, 1, 1)
    for text in (
        "Sở Văn hóa, Thể thao và Du lịch",
        "Sở VHTT&DL",
        "Sở Văn hóa Thể thao và Du lịch",
        "  sở  văn hoá,  thể thao và du lịch ",
        unicodedata.normalize("NFD", "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH"),
    ):
        result = unit_resolve(text, on=on)
        assert result.outcome == Outcome.UNIT, text
        assert result.unit == world.unit_a


def test_unknown_name_gets_suggestions(world: World) -> None:
    result = unit_resolve("Sở Văn hoá Thể thao Du lịch tỉnh", on=D(2025, 1, 1))
    assert result.outcome == Outcome.UNKNOWN
    assert result.unit is None
    assert result.suggestions[0] in {"Sở Văn hóa, Thể thao và Du lịch", "Sở VHTT&DL"}
    assert unit_resolve("Bộ Quốc phòng Mỹ", on=D(2025, 1, 1)).suggestions == ()


def test_merge_resolves_to_successor_after_effective_date(world: World) -> None:
    tttt = make_unit("so-tttt", "Sở Thông tin và Truyền thông", short_name="Sở TT&TT")
    khcn = make_unit("so-khcn", "Sở Khoa học và Công nghệ")
    services.succession_record(
        actor=SYSTEM,
        kind=SuccessionKind.MERGE,
        effective_date=D(2025, 3, 1),
        predecessors=[tttt, khcn],
        successors=[khcn],
        basis="Quyết định (2025)",
    )
    before = unit_resolve("Sở TT&TT", on=D(2025, 2, 28))
    assert before.outcome == Outcome.UNIT
    assert before.unit == tttt
    after = unit_resolve("Sở Thông tin và Truyền thông", on=D(2025, 3, 1))
    assert after.outcome == Outcome.UNIT
    assert after.unit == khcn
    assert after.named == tttt
    assert [event.kind for event in after.events] == [SuccessionKind.MERGE]
    tttt.refresh_from_db()
    assert tttt.valid_until == D(2025, 2, 28)


def test_rename_chain_split_and_abolition(world: World) -> None:
    old = make_unit("ban-dan-toc", "Ban Dân tộc tỉnh", kind=UnitKind.AGENCY)
    new = make_unit("so-dan-toc-ton-giao", "Sở Dân tộc và Tôn giáo", valid_from=D(2025, 3, 1))
    services.succession_record(
        actor=SYSTEM,
        kind=SuccessionKind.RENAME,
        effective_date=D(2025, 3, 1),
        predecessors=[old],
        successors=[new],
    )
    # Renamed again later: the chain is followed to the unit living on the date.
    newest = make_unit("so-dttg-2", "Sở Dân tộc, Tôn giáo", valid_from=D(2026, 1, 1))
    services.succession_record(
        actor=SYSTEM,
        kind=SuccessionKind.RENAME,
        effective_date=D(2026, 1, 1),
        predecessors=[new],
        successors=[newest],
    )
    assert unit_resolve("Ban Dân tộc tỉnh", on=D(2025, 6, 1)).unit == new
    assert unit_resolve("Ban Dân tộc tỉnh", on=D(2026, 6, 1)).unit == newest
    assert unit_resolve("Sở Dân tộc và Tôn giáo", on=D(2024, 6, 1)).outcome == Outcome.NOT_YET

    district = make_unit("huyen-luc-ngan", "UBND huyện Lục Ngạn", kind=UnitKind.DISTRICT)
    services.succession_record(
        actor=SYSTEM,
        kind=SuccessionKind.ABOLISH,
        effective_date=D(2025, 7, 1),
        predecessors=[district],
        successors=[],
    )
    assert unit_resolve("Ủy ban nhân dân huyện Lục Ngạn", on=D(2025, 6, 30)).unit == district
    ended = unit_resolve("UBND huyện Lục Ngạn", on=D(2025, 7, 1))
    assert ended.outcome == Outcome.ENDED
    assert ended.units == ()

    whole = make_unit("so-gtvt", "Sở Giao thông vận tải")
    part_1 = make_unit("so-xd", "Sở Xây dựng")
    part_2 = make_unit("so-ct", "Sở Công Thương")
    services.succession_record(
        actor=SYSTEM,
        kind=SuccessionKind.SPLIT,
        effective_date=D(2025, 3, 1),
        predecessors=[whole],
        successors=[part_1, part_2],
    )
    split = unit_resolve("Sở Giao thông vận tải", on=D(2025, 5, 1))
    assert split.outcome == Outcome.SEVERAL
    assert set(split.units) == {part_1, part_2}


def test_group_resolves_to_members_never_a_unit(world: World) -> None:
    district = make_unit("huyen-yen-the", "UBND huyện Yên Thế", kind=UnitKind.DISTRICT)
    group = services.group_save(
        actor=SYSTEM,
        group=UnitGroup(
            code="so-ban-nganh-huyen",
            name="Các sở, ban, ngành, UBND huyện, thị xã, thành phố",
            member_kinds=[UnitKind.DISTRICT],
        ),
        aliases=["Các sở, ban, ngành; UBND huyện, thị xã, thành phố"],
        members=[world.unit_a, world.unit_b],
    )
    result = unit_resolve("các sở, ban, ngành; UBND huyện, thị xã, thành phố", on=D(2025, 1, 1))
    assert result.outcome == Outcome.GROUP
    assert result.group == group
    assert set(result.units) == {world.unit_a, world.unit_b, district}
    assert result.unit is None
    services.succession_record(
        actor=SYSTEM,
        kind=SuccessionKind.ABOLISH,
        effective_date=D(2025, 7, 1),
        predecessors=[district],
        successors=[],
    )
    later = unit_resolve("Các sở, ban, ngành, UBND huyện, thị xã, thành phố", on=D(2025, 8, 1))
    assert set(later.units) == {world.unit_a, world.unit_b}


def test_a_later_correction_of_a_succession_wins(world: World) -> None:
    old = make_unit("so-cu", "Sở Cũ")
    wrong = make_unit("so-sai", "Sở Sai", valid_from=D(2025, 3, 1))
    right = make_unit("so-dung", "Sở Đúng", valid_from=D(2025, 3, 1))
    for successor in (wrong, right):
        old.refresh_from_db()
        services.succession_record(
            actor=SYSTEM,
            kind=SuccessionKind.RENAME,
            effective_date=D(2025, 3, 1),
            predecessors=[old],
            successors=[successor],
        )
    assert unit_resolve("Sở Cũ", on=D(2025, 6, 1)).unit == right
