"""Hard-wrapped text back into paragraphs.

A PDF's text, or a text file saved with line breaks, cuts every paragraph into lines. ``unwrap``
joins a line to the one before it unless the line starts a new block. A line starts a block when:

- the line before it ended early: it is shorter than the text's width by more than the line's
  first word, so the writer (or the PDF) broke it, not the wrapping;
- it is an item label ("II.", "2.", "2.1.", "a)", "Điều 2.") or a bullet ("- ", "– ", "+ ", "• "
  and a capital letter), and the line before it ends a sentence or a clause (". ; : ! ? )"), or
  is an upper-case heading, or the label comes next in the numbering ("6.1." after "6.", "b)"
  after "a)"); a units or time line ("- Cơ quan chủ trì: …", "- Thời gian …") always does;
- it is an upper-case heading after a line that ends a sentence, or the first line after one;
- it is, or follows, the document's kind word alone ("KẾ HOẠCH", "CHƯƠNG TRÌNH", "QUYẾT ĐỊNH");
- it opens a paragraph ("Căn cứ", "Thực hiện", "Nơi nhận", "(Ban hành kèm theo …") after a
  clause's end or right after the title;
- it starts with a capital under a short item heading ("1. Mục đích": at most 8 words, not a
  unit's item "1. Sở …", the line not ending on "và", "của" …).

Numbers cut from running text are never labels: "2025." (four digits), "- 2025" (no capital),
"XIV." after "lần thứ" (not the next roman numeral, no sentence end before it).

The header block (the lines above the first kind word) is left as it is: ``header`` reads it the
same however it is broken. A text with no line that continues a sentence (one starting with a
small letter, or following a line that ends mid-sentence) is returned unchanged: one paragraph
per line, as Word and its text export give it.

Left as a limit: two plain paragraphs in a row, the first ending on a full line, are joined.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

HEAD = 80  # the kind word is looked for in the first 80 lines (a header cut into short lines)
_KIND_ALONE = re.compile(r"^(?:KẾ HOẠCH|CHƯƠNG TRÌNH|QUYẾT ĐỊNH)$")
_KIND_HALVES = {"KẾ": "HOẠCH", "CHƯƠNG": "TRÌNH", "QUYẾT": "ĐỊNH"}
_KIND_START = re.compile(r"^(?:KẾ HOẠCH|CHƯƠNG TRÌNH|QUYẾT ĐỊNH)(?:\s+[^a-zđ\s].*)?$")
_ROMAN = re.compile(r"^(?P<roman>[IVXLC]+)\.\s")
_ARABIC = re.compile(
    r"^(?P<path>\d{1,2}(?:\.\d{1,2})*)\.\s|^(?P<bare>\d{1,2}(?:\.\d{1,2})+)\s(?=\w)"
)
_LETTER = re.compile(r"^(?P<letter>[a-zđ])\)\s")
_ARTICLE = re.compile(r"^Điều\s+\d{1,2}\.\s")
_BULLET = re.compile(r"^[-–+•]\s*[^\W\d_a-zđ]")
# "- Cơ quan chủ trì", "- Đơn vị thực hiện", "- Thời gian …", even cut after its first word.
_UNITS_LINE = re.compile(r"^[-–+•]\s*(?:Cơ|Đơn|Chủ|Phối|Thời)(?:\s|$)")
# "Đơn vị thực hiện: …", "Cơ quan chủ trì: …", "Thời gian hoàn thành: …" without a dash: a units
# or time line of the item above, wherever the line before stopped.
_UNITS_OPENING = re.compile(
    r"^(?:(?:Cơ quan|Đơn vị)(?:\s+(?:chủ trì|phối hợp|thực hiện))?|Thời (?:gian|hạn)[^:]{0,25})\s*:"
)
# A unit's item ("1. Sở Thông tin và" / "Truyền thông: …") is not a short heading.
_UNIT_WORD = re.compile(
    r"^\S+\s+(?:Sở|Ban|Văn phòng|UBND|Ủy ban|Công an|Bộ|Báo|Đài|Các|Hội|Liên hiệp|Trường)\b"
)
_JOINING_WORD = re.compile(
    r"\s(?:và|của|với|các|về|trong|tại|cho|theo|đến|từ|trên|những|để|là|được|có)$"
)
# Words that open a paragraph after a clause's end: legal bases, the closing, units and time
# lines without a dash ("Đơn vị thực hiện: …", "Thời gian hoàn thành: …").
_OPENING = re.compile(
    r"^(?:Căn cứ|Thực hiện|Triển khai|Nơi nhận|\((?:Ban hành|[Kk]èm theo)|Trên đây|Cơ quan|"
    r"Đơn vị|Thời gian|Thời hạn)(?:\s|$)"
)
_SHORT_HEADING = 8  # words
_END = re.compile(r"[.;:!?…)”\"]$")
_SENTENCE_END = re.compile(r"[.;!?…)”\"]$")
_NUMERALS = "I II III IV V VI VII VIII IX X XI XII XIII XIV XV XVI XVII XVIII XIX XX"
_ROMANS = {numeral: index for index, numeral in enumerate(_NUMERALS.split(" "), start=1)}


@dataclass
class _Numbering:
    """The labels seen so far, to tell the next label from a number cut out of a sentence."""

    roman: int = 0
    arabic: tuple[int, ...] = ()
    letter: str = ""
    kinds: list[str] = field(default_factory=list)

    def expects(self, text: str) -> bool:
        if match := _ROMAN.match(text):
            return _ROMANS.get(match.group("roman"), 0) == self.roman + 1
        if match := _ARABIC.match(text):
            path = _path(match)
            if path == (*self.arabic, 1):
                return True
            return any(
                path == (*self.arabic[:depth], self.arabic[depth] + 1)
                for depth in range(len(self.arabic))
            )
        if match := _LETTER.match(text):
            letter = match.group("letter")
            return letter == "a" or (bool(self.letter) and ord(letter) == ord(self.letter) + 1)
        return bool(_ARTICLE.match(text))

    def see(self, text: str) -> None:
        if match := _ROMAN.match(text):
            self.roman = _ROMANS.get(match.group("roman"), self.roman)
            self.arabic, self.letter = (), ""
        elif match := _ARABIC.match(text):
            self.arabic = _path(match)
            self.letter = ""
        elif match := _LETTER.match(text):
            self.letter = match.group("letter")


def _path(match: re.Match[str]) -> tuple[int, ...]:
    return tuple(int(part) for part in (match.group("path") or match.group("bare")).split("."))


def is_label(text: str) -> bool:
    return bool(
        _ROMAN.match(text) or _ARABIC.match(text) or _LETTER.match(text) or _ARTICLE.match(text)
    )


def is_heading(text: str) -> bool:
    """Upper case, with at least two words of letters: "II. NỘI DUNG", "KẾ HOẠCH"."""
    if not text.isupper():
        return False
    words = (word for word in text.split() if any(char.isalpha() for char in word))
    return next(words, None) is not None and next(words, None) is not None


def unwrap(
    paragraphs: list[tuple[int, str]], full_lines: set[int] | None = None
) -> list[tuple[int, str]]:
    """Join the lines of each paragraph; a joined paragraph keeps its first line's number.

    ``full_lines``, from a reader that measured them (a PDF), are the lines reaching the right
    margin: any other line ended early. Without it, the width is guessed from the characters.
    """
    paragraphs = _kind_word_joined(paragraphs)
    start = _body_start(paragraphs)
    body = paragraphs[start:]
    if not body or (full_lines is None and not _hard_wrapped(body)):
        return list(paragraphs)
    # The width the text was wrapped at, at least: its longest line of several words (the kind
    # word's line left out: "CHƯƠNG" / "TRÌNH" may have been put back together).
    width = _width(body)
    if full_lines is not None:
        width = -1  # measured: the characters' rule is not needed
    previous_line = 0
    result: list[tuple[int, str]] = list(paragraphs[:start])
    numbering = _Numbering()
    current: _Paragraph | None = None
    title = False  # the current paragraph is the title (the kind word's line or the one after)
    previous_text = ""
    for line, text in body:
        ended_early = full_lines is not None and previous_line not in full_lines
        if (
            current is not None
            and not ended_early
            and not _starts_block(text, previous_text, current, width, numbering, title=title)
        ):
            current.add(text)
            previous_text, previous_line = text, line
            continue
        previous_line = line
        if current is not None:
            result.append((current.line, current.text()))
            title = current.kind_alone()
        title = title or bool(_KIND_START.match(text))
        numbering.see(text)
        current, previous_text = _Paragraph(line), text
        current.add(text)
    if current is not None:
        result.append((current.line, current.text()))
    return result


@dataclass
class _Paragraph:
    """The paragraph being joined, with what the rules ask of it kept as lines are added (a
    paragraph of many lines is never joined and searched again for each new line)."""

    line: int
    lines: list[str] = field(default_factory=list)
    words: int = 0
    letter_words: int = 0
    small: bool = False  # a small letter somewhere
    capital: bool = False

    def add(self, text: str) -> None:
        self.lines.append(text)
        if self.words <= _SHORT_HEADING:  # past it, the count no longer matters
            words = text.split()
            self.words += len(words)
            self.letter_words += sum(1 for word in words if any(c.isalpha() for c in word))
        self.small = self.small or any(char.islower() for char in text)
        self.capital = self.capital or any(char.isupper() for char in text)

    def text(self) -> str:
        return " ".join(self.lines)

    def head(self) -> str:
        return " ".join(self.lines[:3])[:300]

    def kind_alone(self) -> bool:
        return len(self.lines) == 1 and bool(_KIND_ALONE.match(self.lines[0]))

    def heading(self) -> bool:
        return self.capital and not self.small and self.letter_words >= 2


def _kind_word_joined(paragraphs: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The kind word cut by a narrow column ("CHƯƠNG" / "TRÌNH") put back on one line."""
    for index, (line, text) in enumerate(paragraphs[: min(HEAD, len(paragraphs)) - 1]):
        following = paragraphs[index + 1][1]
        if text in _KIND_HALVES and following.split(" ", 1)[0] == _KIND_HALVES[text]:
            return [*paragraphs[:index], (line, f"{text} {following}"), *paragraphs[index + 2 :]]
    return paragraphs


def _body_start(paragraphs: list[tuple[int, str]]) -> int:
    for index, (_line, text) in enumerate(paragraphs[:HEAD]):
        if _KIND_START.match(text):
            return index
    return 0


def _hard_wrapped(body: list[tuple[int, str]]) -> bool:
    """A line that continues a sentence: it starts with a small letter, or the line before it
    ends mid-sentence (no punctuation; not a heading, the title, or an item's heading shorter
    than the longest line)."""
    texts = [text for _line, text in body]
    longest = max((len(text) for text in texts), default=0)
    return any(
        _continues(text, texts[index - 1], after_title=index >= 3, full=0.8 * longest)
        for index, text in enumerate(texts[1:], start=1)
    )


def _continues(text: str, previous: str, *, after_title: bool, full: float) -> bool:
    if text[:1].islower() and not _LETTER.match(text):
        return True
    return after_title and not (
        _END.search(previous)
        or (is_label(previous) and len(previous) < full)
        or previous.isupper()
        or is_label(text)
        or _BULLET.match(text)
        or is_heading(text)
        or _OPENING.match(text)
    )


def _width(body: list[tuple[int, str]]) -> int:
    """The width the text was wrapped at, from the lines it visibly cut.

    A line followed by one that starts with a small letter was cut by the wrapping; such lines
    fill the width up to a word. The longest line is no measure of it: a line left whole (a
    units line) or a run of words the wrap could not cut can be far longer. So the width is
    the 90th percentile of the cut lines' lengths; without any, the longest line of several
    words, the kind word's line left out.
    """
    cut = sorted(
        len(previous)
        for (_l, previous), (_n, text) in itertools.pairwise(body)
        if " " in previous and text[:1].islower() and not _LETTER.match(text)
    )
    if len(cut) >= 5:
        return cut[min(len(cut) - 1, (len(cut) * 9) // 10)]
    lines = body[1:] if _KIND_START.match(body[0][1]) else body
    return max((len(text) for _line, text in lines if " " in text), default=0)


def _starts_block(
    text: str,
    previous: str,
    paragraph: _Paragraph,
    width: int,
    numbering: _Numbering,
    *,
    title: bool,
) -> bool:
    first_word = text.split(" ", 1)[0]
    if text[:1].islower() and not _LETTER.match(text):
        return False  # no paragraph, item or heading starts with a small letter: a cut line
    if _UNITS_OPENING.match(text):
        return True
    # A line that stops short before an item or a bullet, or after the end of a sentence or
    # clause, ended there; one stopping short mid-clause before a capitalised word ("… phối hợp
    # với Báo Kiên Giang," / "Đài Phát thanh …") was cut where an earlier wrapping cut.
    structural = (
        bool(_BULLET.match(text) or _OPENING.match(text))
        or is_label(text)
        # An item's title ends where its line stops short, unless it stops on a comma or a
        # joining word ("… phối hợp với Báo Kiên Giang," / "Đài Phát thanh …").
        or (
            is_label(paragraph.lines[0])
            and not previous.endswith((",", "-", "–"))
            and not _JOINING_WORD.search(previous)
        )
    )
    if (_END.search(previous) or structural) and len(previous) + 1 + len(first_word) <= width:
        return True  # the line before ended early: the writer broke it, not the wrapping
    if _KIND_ALONE.match(text) or paragraph.kind_alone():
        return True
    ends = bool(_END.search(previous))
    heading = paragraph.heading()
    if is_label(text):
        return ends or heading or numbering.expects(text)
    if _BULLET.match(text):
        return ends or heading or bool(_UNITS_LINE.match(text))
    if is_heading(text):
        return bool(_SENTENCE_END.search(previous)) or (title and not heading)
    if heading and any(char.islower() for char in text):
        return True  # the first mixed-case line after a heading
    if _OPENING.match(text):
        return ends or title
    # A short item heading ("1. Mục đích") and the text under it, when the heading filled a line.
    head = paragraph.head()
    return (
        is_label(head)
        and not heading
        and not ends
        and not _UNIT_WORD.match(head)
        and not _JOINING_WORD.search(previous)
        and paragraph.words <= _SHORT_HEADING
        and text[:1].isupper()
        and any(char.islower() for char in text)
    )
