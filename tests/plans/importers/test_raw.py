"""Helpers every reader shares."""

from __future__ import annotations

import pytest

from ttdn.plans.importers.raw import is_appendix_title, is_blank_heading_cell


@pytest.mark.parametrize(
    "text",
    [
        "PHỤ LỤC",
        " PHỤ LỤC ",
        "PHỤ LỤC II",
        "PHỤ LỤC 01: DANH MỤC NHIỆM VỤ",
        "Phụ lục I",
        "Phụ lục số 2:",
    ],
)
def test_appendix_titles(text: str) -> None:
    assert is_appendix_title(text)


@pytest.mark.parametrize(
    "text",
    [
        "Phụ lục kèm theo Kế hoạch này gồm các nhiệm vụ cụ thể.",
        "(Có Phụ lục về một số nội dung trọng tâm kèm theo)",
        "Các nhiệm vụ tại Phụ lục I",
        "PHỤ LỤCX",
    ],
)
def test_sentences_mentioning_an_appendix_are_not_its_title(text: str) -> None:
    assert not is_appendix_title(text)


def test_blank_heading_cell() -> None:
    assert is_blank_heading_cell("\u00a0")
    assert not is_blank_heading_cell("")
