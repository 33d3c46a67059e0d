"""Each corpus document parses to the expectation written by reading it (corpus/README.md).

One case per document: the metadata exactly; every task, in order, on the fields the expectation
lists; the citations as a set; the warning codes it expects present (others may come too). A
document expected to be refused must raise PlanReadError with the expected words. The failure
message is a compact diff: what differs in the metadata, the first task that differs (field by
field), the citations missing and unexpected, the warnings missing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ttdn.cli import main
from ttdn.plans.importers.names import KnownNames
from ttdn.plans.importers.parse import PlanReadError, parse_plan

CORPUS = Path(__file__).parent / "corpus"
# Documents the reader is known not to read yet: {name: pytest.mark.xfail(strict=True, …)}.
KNOWN: dict[str, pytest.MarkDecorator] = {}
EXPECTATION_FILES = sorted(CORPUS.glob("*.expected.json"))
EXPECTATIONS = [
    pytest.param(path, marks=KNOWN.get(path.name.removesuffix(".expected.json"), ()))
    for path in EXPECTATION_FILES
]


def load(path: Path) -> dict[str, Any]:
    expected: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return expected


def name_of(path: Path) -> str:
    return path.name.removesuffix(".expected.json")


def project(task: dict[str, Any], like: dict[str, Any]) -> dict[str, Any]:
    """The parsed task on the fields (and timeframe fields) the expected task lists."""
    view: dict[str, Any] = {}
    for key, want in like.items():
        value = task.get(key)
        if isinstance(want, dict) and isinstance(value, dict):
            value = {inner: value.get(inner) for inner in want}
        view[key] = value
    return view


def metadata_diff(want: dict[str, Any], got: dict[str, Any]) -> list[str]:
    lines = [
        f"  metadata.{key}: expected {want.get(key)!r}, got {got.get(key, '<missing>')!r}"
        for key in sorted(set(want) | set(got))
        if want.get(key, "<missing>") != got.get(key, "<missing>")
    ]
    return ["metadata differs:", *lines] if lines else []


def tasks_diff(want: list[dict[str, Any]], got: list[dict[str, Any]]) -> list[str]:
    if not want:
        return [f"tasks: expected none, got {len(got)} (first {got[0]['code']!r})"] if got else []
    viewed = [project(task, want[min(i, len(want) - 1)]) for i, task in enumerate(got)]
    for index, (expected, parsed) in enumerate(zip(want, viewed, strict=False)):
        if expected != parsed:
            fields = [
                f"    {key}: expected {expected[key]!r}, got {parsed.get(key)!r}"
                for key in expected
                if expected[key] != parsed.get(key)
            ]
            return [
                f"tasks: {len(want)} expected, {len(got)} parsed; first difference at #{index} "
                f"(expected {expected['code']!r}):",
                *fields,
            ]
    if len(want) != len(got):
        extra = [t["code"] for t in got[len(want) :]] or [t["code"] for t in want[len(got) :]]
        return [f"tasks: {len(want)} expected, {len(got)} parsed; the tail differs: {extra}"]
    return []


def citation_key(citation: dict[str, Any]) -> tuple[str, str, str | None, str | None]:
    return (
        citation["kind"],
        citation["number_symbol"],
        citation.get("date"),
        citation.get("issuer"),
    )


def citations_diff(want: list[dict[str, Any]], got: list[dict[str, Any]]) -> list[str]:
    expected = {citation_key(c) for c in want}
    parsed = {citation_key(c) for c in got}
    lines = [f"  missing: {c}" for c in sorted(expected - parsed, key=str)]
    lines += [f"  unexpected: {c}" for c in sorted(parsed - expected, key=str)]
    return ["citations differ:", *lines] if lines else []


def warnings_diff(want: list[str], got: list[dict[str, Any]]) -> list[str]:
    codes = {warning["code"] for warning in got}
    missing = [code for code in want if code not in codes]
    return [f"warnings missing: {missing} (got {sorted(codes)})"] if missing else []


@pytest.mark.parametrize(
    "expectation", EXPECTATIONS, ids=[name_of(p.values[0]) for p in EXPECTATIONS]
)
def test_document_parses_as_read(expectation: Path) -> None:
    expected = load(expectation)
    document = CORPUS / expected["document"]
    data = document.read_bytes()
    if "refused" in expected:
        with pytest.raises(PlanReadError) as refused:
            parse_plan(data, filename=document.name, known=KnownNames([]))
        assert expected["refused"] in str(refused.value)
        return
    parsed = parse_plan(data, filename=document.name, known=KnownNames([])).to_json()
    problems = [
        *metadata_diff(expected["metadata"], parsed["metadata"]),
        *tasks_diff(expected["tasks"], parsed["tasks"]),
        *citations_diff(expected["citations"], parsed["citations"]),
        *warnings_diff(expected["warnings"], parsed["warnings"]),
    ]
    if problems:
        pytest.fail(f"{document.name}:\n" + "\n".join(problems), pytrace=False)


def test_the_corpus_covers_every_shape() -> None:
    """At least 12 documents: text exports, Word files and PDFs, one of them refused."""
    documents = [load(path)["document"] for path in EXPECTATION_FILES]
    assert len(documents) >= 12
    assert {Path(name).suffix for name in documents} == {".txt", ".docx", ".pdf"}
    assert any("refused" in load(path) for path in EXPECTATION_FILES)
    for name in documents:
        assert (CORPUS / name).is_file(), name


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name", ["lao-cai-2020", "tra-vinh-2023", "son-la-2023"], ids=["txt", "docx", "pdf"]
)
def test_cli_prints_the_parsed_plan_as_json(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`ttdn plan parse FILE --json` on a Word file, a text export and a PDF."""
    monkeypatch.setenv("DATA_DIR", str(tmp_path))
    expected = load(CORPUS / f"{name}.expected.json")
    assert main(["plan", "parse", str(CORPUS / expected["document"]), "--json"]) == 0
    parsed = json.loads(capsys.readouterr().out)
    metadata = parsed["metadata"]
    for key in ("issuer", "province", "number", "date", "year"):
        assert metadata[key] == expected["metadata"][key], key
    assert [task["code"] for task in parsed["tasks"]] == [t["code"] for t in expected["tasks"]]
    for task in parsed["tasks"]:
        assert isinstance(task["lead"], list)
        assert isinstance(task["partners"], list)
        assert set(task["timeframe"]) >= {"raw", "start", "end", "recurring"}
    assert {c["number_symbol"] for c in parsed["citations"]} == {
        c["number_symbol"] for c in expected["citations"]
    }
