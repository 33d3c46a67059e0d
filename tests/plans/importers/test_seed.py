"""The parser reproduces, row by row, the table we wrote by reading the seed plan."""

from __future__ import annotations

import pytest

from tests.plans.importers import expected_seed as expected
from ttdn.demo.files import PLAN_FILE, seed_unit_names
from ttdn.plans.importers.names import KnownNames
from ttdn.plans.importers.parse import parse_plan
from ttdn.plans.importers.shape import ParsedPlan, ParseWarning


def seed_names() -> KnownNames:
    return KnownNames(seed_unit_names())


@pytest.fixture(scope="module")
def plan() -> ParsedPlan:
    return parse_plan(PLAN_FILE.read_bytes(), filename=PLAN_FILE.name, known=seed_names())


def test_appendix_rows(plan: ParsedPlan) -> None:
    got = [
        (t.code, t.parent, t.title[:40], t.lead, t.partners, t.timeframe.raw) for t in plan.tasks
    ]
    for want_row, got_row in zip(expected.APPENDIX, got, strict=False):
        assert got_row == want_row
    assert len(got) == len(expected.APPENDIX)


def test_appendix_rows_without_a_registry() -> None:
    """A fresh install with no units yet splits the cells the same way."""
    plan = parse_plan(PLAN_FILE.read_bytes(), known=KnownNames([]))
    got = [(t.code, t.lead, t.partners) for t in plan.tasks]
    assert got == [(code, lead, partners) for code, _p, _t, lead, partners, _f in expected.APPENDIX]
    assert not [w for w in plan.warnings if w.code == "unknown_unit"]


def test_citations(plan: ParsedPlan) -> None:
    got = [
        (c.kind, c.number_symbol, c.date.strftime("%d/%m/%Y") if c.date else None, c.issuer)
        for c in plan.citations
    ]
    assert got == expected.CITATIONS


def test_commemorations(plan: ParsedPlan) -> None:
    got = [
        (c.title, c.years, c.start.strftime("%d/%m/%Y"), c.date.strftime("%d/%m/%Y"))
        for c in plan.commemorations
    ]
    assert got == expected.COMMEMORATIONS


def test_responsibilities_and_deadline(plan: ParsedPlan) -> None:
    assert [(r.unit, len(r.duties)) for r in plan.responsibilities] == expected.RESPONSIBILITIES
    assert plan.report_deadline is not None
    assert plan.report_deadline.strftime("%d/%m/%Y") == expected.REPORT_DEADLINE


def test_metadata_and_sections(plan: ParsedPlan) -> None:
    got = plan.to_json()["metadata"]
    assert {key: got[key] for key in expected.METADATA} == expected.METADATA
    # Added to the shape since expected_seed was written: a provincial plan, no decision.
    assert {key: got[key] for key in got.keys() - expected.METADATA.keys()} == {
        "level": "tỉnh",
        "kind": "Kế hoạch",
        "decision": None,
    }
    assert plan.sections == expected.SECTIONS


def test_warnings_of_the_seed(plan: ParsedPlan) -> None:
    by_code: dict[str, list[ParseWarning]] = {}
    for warning in plan.warnings:
        by_code.setdefault(warning.code, []).append(warning)
    (variant,) = by_code["spelling_variant"]
    assert "Xay Bổm Sum" in variant.message
    assert "Xay Sổm Bun" in variant.message
    (dates,) = by_code["conflicting_dates"]
    for number, days in expected.CONFLICTING_DATES.items():
        assert number in dates.message
        assert all(day in dates.message for day in days)
    (year,) = by_code["other_year"]
    assert "6.4" in year.message
    assert "2024" in year.message
    assert "unknown_unit" not in by_code  # the demo registry knows every unit of the seed
    assert "no_lead" not in by_code
    assert "duplicate_code" not in by_code


def test_citation_number_and_symbol(plan: ParsedPlan) -> None:
    parts = {c.number_symbol: (c.number, c.symbol) for c in plan.citations}
    assert parts["72/2015/NĐ-CP"] == ("72", "NĐ-CP")
    assert parts["57-KL/TW"] == ("57", "KL/TW")
    assert parts["858a/QĐ-TBDCB"] == ("858a", "QĐ-TBDCB")
