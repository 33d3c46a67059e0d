"""Line breaks are layout, not meaning: re-wrapping a text plan changes nothing the parser reads.

Text copied out of a PDF or a mail breaks lines wherever the page or window ended. For every .txt
document of the corpus, the body lines (after the "KẾ HOẠCH" / "CHƯƠNG TRÌNH" line) are wrapped
again at random widths from 40 to 120 characters (a line of an A4 page holds 60 to 100), at
spaces, and the title cells of the task table are wrapped into continuation lines without a TAB
(which the text export joins to the cell above).
The parse must give the same metadata and the same tasks (codes, titles, units, timeframes).

A line is broken only before a word starting with a lower-case letter, and never right after a
line start that has no lower-case letter yet: so a wrap never makes a new "- ", "a)", "2.",
"II." or all-capitals line, which a reader would take for a new item or heading. Unit and time
cells are left whole: in a unit cell a line break separates names, as in the seed.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ttdn.plans.importers.names import KnownNames
from ttdn.plans.importers.parse import parse_plan

CORPUS = Path(__file__).parent / "corpus"
TEXTS = sorted(
    path
    for path in CORPUS.glob("*.txt")
    if "refused" not in json.loads((CORPUS / f"{path.stem}.expected.json").read_text("utf-8"))
)
_KIND_LINE = re.compile(r"^\s*(KẾ HOẠCH|CHƯƠNG TRÌNH|QUYẾT ĐỊNH)\s*$")
_TITLE_HEADER = re.compile(r"nội dung|nhiệm vụ|chương trình|hoạt động", re.IGNORECASE)
_ITEM_LIKE = re.compile(r"^[a-zđ]\)")


def _breakable_before(word: str, line_so_far: str) -> bool:
    return (
        bool(word)
        and word[0].isalpha()
        and word[0].islower()
        and not _ITEM_LIKE.match(word)
        and any(char.islower() for char in line_so_far)
    )


# A hard-wrapped line of an A4 page (or a mail window) holds 60 to 100 characters; narrower
# than 40, a line holds three or four words and `unwrap` cannot tell a short heading from a cut
# sentence (docs/plans/import.md).
NARROWEST = 40


def wrap(text: str, width: int) -> list[str]:
    """Greedy wrap at spaces, breaking only where _breakable_before allows."""
    words = text.split(" ")
    lines: list[str] = []
    current = words[0]
    for word in words[1:]:
        if len(current) + 1 + len(word) > width and _breakable_before(word, current):
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}"
    lines.append(current)
    return lines


def rewrap(text: str, width: int, *, cells: bool) -> str:
    lines = text.split("\n")
    start = next((i + 1 for i, line in enumerate(lines) if _KIND_LINE.match(line)), 0)
    out = lines[:start]
    title_column: int | None = None
    header_seen = False
    cell_index = 0
    for line in lines[start:]:
        if not line.strip(" "):
            cell_index = 0
            if title_column is not None:
                header_seen = True
            out.append(line)
            continue
        if line.startswith("\t"):
            if not header_seen and title_column is None and _TITLE_HEADER.search(line):
                title_column = cell_index
            body = line[1:]
            if cells and header_seen and cell_index == title_column and body.strip():
                first, *rest = wrap(body, width)
                out.extend([f"\t{first}", *rest])
            else:
                out.append(line)
            cell_index += 1
            continue
        out.extend(wrap(line, width))
    return "\n".join(out)


def view(data: bytes, name: str) -> dict[str, Any]:
    parsed = parse_plan(data, filename=name, known=KnownNames([])).to_json()
    tasks = [
        (
            task["code"],
            task["title"],
            task["lead"],
            task["partners"],
            task["is_heading"],
            task["timeframe"],
        )
        for task in parsed["tasks"]
    ]
    return {"metadata": parsed["metadata"], "tasks": tasks}


@cache
def original(path: Path) -> dict[str, Any]:
    return view(path.read_bytes(), path.name)


def test_wrap_never_starts_an_item() -> None:
    text = "1. Sở Ngoại vụ chủ trì - phối hợp a) với II. Sở A và - b) các UBND"
    for width in range(1, 40):
        for line in wrap(text, width)[1:]:
            assert line[0].islower(), line
        assert " ".join(wrap(text, width)) == text


# Known not to hold yet (issue 12 stays open for it): kien-giang-2020 is itself hard-wrapped at
# 70 characters, so re-wrapping it narrower wraps it twice and leaves a short remainder at each
# old break; after an item's title ("5. Sở … Ban Quản lý Khu kinh tế" / "Phú Quốc, Sở …") such a
# remainder reads as the title's end. Not strict: hypothesis may not find such a width each run.
REWRAP_KNOWN = {"kien-giang-2020"}
UNWRAP_WIDTH = pytest.mark.xfail(reason="a text wrapped twice, see REWRAP_KNOWN")


@pytest.mark.parametrize(
    "path",
    [pytest.param(p, marks=UNWRAP_WIDTH if p.stem in REWRAP_KNOWN else ()) for p in TEXTS],
    ids=[path.stem for path in TEXTS],
)
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(width=st.integers(min_value=NARROWEST, max_value=120), cells=st.booleans())
def test_rewrapped_text_parses_the_same(path: Path, width: int, cells: bool) -> None:
    wrapped = rewrap(path.read_text(encoding="utf-8"), width, cells=cells)
    assert view(wrapped.encode("utf-8"), path.name) == original(path)
