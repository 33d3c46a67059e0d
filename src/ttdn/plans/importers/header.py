"""The header block of a plan (Decree 30/2020 layout): issuer, number, place and date, kind, title.

The block reaches us in several shapes, all read the same way: one line per line; a borderless
two-column Word table given cell by cell; the two columns side by side on one line, as PDF text
extraction joins them; place and date split over two lines. The lines above the document's kind
word ("KẾ HOẠCH", "CHƯƠNG TRÌNH", "QUYẾT ĐỊNH") are read as one text, with the national name,
the motto and the rules removed, so how they were broken into lines does not matter.

A plan issued by a Quyết định ("Ban hành kèm theo Quyết định này Kế hoạch …") is the plan
attached to it: ``plan_body`` gives only the attached plan's paragraphs (the decision's "Căn cứ"
and "Điều" paragraphs are not the plan's), and the decision's number and date are recorded apart.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from dataclasses import dataclass, field

from ttdn.core.text import fold
from ttdn.plans.importers.citations import parse_date
from ttdn.plans.importers.shape import Decision, Metadata, ParseWarning

_TITLE_MAX = 500  # characters
HEAD = 80  # the kind word is looked for in the first 80 paragraphs (a header cut short)
_KIND_LINE = re.compile(r"^(?P<kind>KẾ HOẠCH|CHƯƠNG TRÌNH|QUYẾT ĐỊNH)(?:\s+(?P<rest>.*))?$")
_PLAN_KINDS = {"KẾ HOẠCH": "Kế hoạch", "CHƯƠNG TRÌNH": "Chương trình"}
_NATIONAL = re.compile(
    r"C[ỘO]NG\s+H[ÒO][AÀ]\s+X[ÃA]\s+H[ỘO]I\s+CH[ỦU]\s+NGH[ĨI]A\s+VI[ỆE]T\s+NAM", re.I
)
_MOTTO = re.compile(r"Độc\s+lập\s*[-–—]\s*Tự\s+do\s*[-–—]\s*Hạnh\s+phúc", re.I)
_RULE = re.compile(r"[-–—_=*]{3,}")
_ISSUER = re.compile(
    r"(?:(?:ỦY|UỶ|UỸ)\s+BAN\s+NHÂN\s+DÂN|UBND)\s+(?P<level>TỈNH|THÀNH\s+PHỐ|TP\.?)(?=\s)"
)
_LEVEL_ONLY = re.compile(r"(?<![\w.])(?P<level>TỈNH|THÀNH\s+PHỐ)\s+(?=[^\W\d_])")
_NAME_TOKEN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
# Upper-case words that end a province's name: what follows it in a header.
_NOT_NAME = {"SỐ", "BAN", "SỞ", "VĂN", "HỘI", "KẾ", "CHƯƠNG", "QUYẾT", "DỰ", "THẢO", "ỦY", "UBND"}
_NUMBER = re.compile(
    r"\b(?:Số|SỐ)\s*:?\s*(?P<n>\d+[a-zA-Z]?)?\s*(?:/\s*(?P<y>\d{4})\s*)?/\s*"
    r"(?P<s>[A-ZĐ][A-Za-zĐđ]*(?:\s?-\s?[A-ZĐ][A-Za-zĐđ0-9]*)*)"
)
_DATE = re.compile(r",?\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})")
_BLANK_DATE = re.compile(r"ngày[\s.…_]*tháng[\s.…_]*năm\s+(\d{4})")
_TITLE_STOP = re.compile(
    r"^(?:Căn cứ|Thực hiện|Triển khai|Nhằm|CHỦ TỊCH|(?:ỦY|UỶ) BAN|UBND|Số\s*:|Điều\s+\d|"
    r"\(|[-–—_=*]{3,}|[IVXLC]+\.\s|\d+(?:\.\d+)*\.\s|[a-zđ]\)\s|[-–+•]\s)"
)
_BODY_OPENS = re.compile(r"^(?:Căn cứ|Thực hiện|Triển khai|[IVXLC]+\.\s|\d+(?:\.\d+)*\.\s)")
_ATTACHED = re.compile(
    r"kèm\s+theo\s+Quyết\s+định\s+(?:số\s+)?(?P<number>\d+[a-z]?(?:\s*/\s*\d{4})?\s*/\s*"
    r"QĐ\s?-\s?[A-ZĐ]+)(?:\s+ngày\s+(?P<date>\d{1,2}/\d{1,2}/\d{4}|"
    r"\d{1,2} tháng \d{1,2} năm \d{4}))?",
    re.I,
)
_CAPTION = re.compile(
    r"(?:Kế hoạch|KH|Chương trình)\s+số\s+(?P<number>\d+[a-z]?/(?:KH|CTr)-[A-ZĐ]+)\s+ngày\s+"
    r"(?P<date>\d{1,2}/\d{1,2}/\d{4}|\d{1,2} tháng \d{1,2} năm \d{4})"
    r"(?:\s+của\s+(?P<issuer>UBND [^)]+|Ủy ban nhân dân [^)]+))?"
)
_TITLE_YEAR = re.compile(r"(?<!đến )(?<!tới )\bnăm\s+(\d{4})|giai\s+đoạn\s+(\d{4})\s*[-–]", re.I)
_TITLE_PLACE = re.compile(
    r"\b(?P<level>tỉnh|thành phố)\s+(?P<name>.+?)(?=\s+(?:năm|giai đoạn|đến)\s+\d{4}|\s*$)", re.I
)
_BODY_YEAR = re.compile(r"\bnăm\s+(\d{4})\b(?!\s*[-–]\s*\d)")
_NOT_PLAN_YEAR = re.compile(r"(?:tháng\s+\d{1,2}|đến|tới|từ|giai đoạn)\s+$", re.I)
_ARTICLE = re.compile(r"^Điều\s+\d+\s*[.:]")


@dataclass
class Header:
    """What the header says, the plan's own paragraphs, and what could not be read."""

    metadata: Metadata
    body: list[tuple[int, str]]
    warnings: list[ParseWarning] = field(default_factory=list)


@dataclass
class _Block:
    """The fields of one header block."""

    level: str | None = None
    province: str | None = None  # as written in the header: upper case
    number: str | None = None
    date: datetime.date | None = None
    draft_year: int | None = None  # "ngày … tháng … năm 2021": a draft not yet dated
    place: str | None = None
    date_line: int = 0


def read_metadata(paragraphs: list[tuple[int, str]], appendix: list[tuple[int, str]]) -> Metadata:
    return read_header(paragraphs, appendix).metadata


def plan_body(paragraphs: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The plan's own paragraphs: from its kind word on (a Quyết định's articles left out)."""
    return read_header(paragraphs, []).body


def read_header(paragraphs: list[tuple[int, str]], appendix: list[tuple[int, str]]) -> Header:
    metadata = Metadata()
    warnings: list[ParseWarning] = []
    first = _kind_line(paragraphs, 0, HEAD, ("KẾ HOẠCH", "CHƯƠNG TRÌNH", "QUYẾT ĐỊNH"))
    plan_at = first
    decision_at: int | None = None
    if first is not None and paragraphs[first][1].startswith("QUYẾT ĐỊNH"):
        decision_at = first
        plan_at = _kind_line(paragraphs, first + 1, len(paragraphs), tuple(_PLAN_KINDS))
    zone_end = first if first is not None else _body_opening(paragraphs)
    block = _read_block(paragraphs[:zone_end])
    own = block
    if decision_at is not None:
        own = _Block()
        if plan_at is not None:
            own = _read_block(_own_header(paragraphs, decision_at, plan_at))
        metadata.decision = Decision(number=block.number, date=block.date)
    # Kind and title: the plan's kind line and the lines after it.
    title_end = 0
    if plan_at is not None:
        kind, rest, title_end = _title(paragraphs, plan_at)
        metadata.kind = kind
        metadata.title = " ".join([kind, rest]) if rest else kind
    elif decision_at is not None:
        # A decision with no attached plan found: its title names the plan it issues.
        _kind, rest, title_end = _title(paragraphs, decision_at)
        if match := re.search(r"\b(Kế hoạch|Chương trình)\b\s*(.*)", rest, re.I):
            metadata.kind = match.group(1).capitalize()
            metadata.title = f"{metadata.kind} {match.group(2)}".strip()
    # A caption right under the title: "(Ban hành kèm theo Quyết định số … ngày …)".
    for _line, text in paragraphs[title_end : title_end + 3]:
        if match := _ATTACHED.search(text):
            number = re.sub(r"\s+", "", match.group("number"))
            date = parse_date(match.group("date"))
            if metadata.decision is None or metadata.decision.number is None:
                metadata.decision = Decision(number=number, date=date)
            elif metadata.decision.date is None:
                metadata.decision.date = date
            break
    # Who issued it, and for which province or city.
    metadata.level = own.level or block.level
    province = own.province or block.province
    place = own.place or block.place
    if province:
        metadata.province = _capitalised(province, place)
    # The number and date: the plan's own header, the appendix's "(Kèm theo Kế hoạch số …)",
    # then the decision that issues it.
    if decision_at is None or own.number:
        metadata.number, metadata.date = own.number, own.date
    caption_issuer: str | None = None
    for _line, text in appendix:
        if match := _CAPTION.search(text):
            if metadata.number is None:
                metadata.number = match.group("number")
                metadata.date = parse_date(match.group("date"))
            if match.group("issuer"):
                caption_issuer = " ".join(match.group("issuer").split())
            break
    if metadata.number is None and metadata.decision is not None and metadata.decision.number:
        metadata.number = metadata.decision.number
        metadata.date = metadata.date or metadata.decision.date
    if metadata.date is None and own.date is not None:
        metadata.date = own.date
    # What the title says, when the header did not.
    if metadata.title and (match := _TITLE_PLACE.search(metadata.title)):
        name = match.group("name").strip()
        if len(name.split()) <= 6 and name[:1].isupper():  # not "tỉnh giai đoạn 2021-2025"
            metadata.level = metadata.level or match.group("level").lower()
            if metadata.province is None:
                metadata.province = _capitalised(name, place) if name.isupper() else name
    caption_level = re.match(r"(?:UBND|Ủy ban nhân dân)\s+(tỉnh|thành phố)\b", caption_issuer or "")
    if caption_level and metadata.level is None:
        metadata.level = caption_level.group(1)
    if metadata.title:
        metadata.title = _sentence_case(metadata.title, metadata.kind, metadata.province)
    # The provincial (or city) people's committee: as the header names it, else as the
    # appendix's caption does, else the one of the province the title names.
    if caption_issuer and not province:
        metadata.issuer = caption_issuer
    elif metadata.province and metadata.level:
        metadata.issuer = f"UBND {metadata.level} {metadata.province}"
    body = paragraphs[plan_at:] if plan_at is not None else paragraphs
    if decision_at is not None and plan_at is None:
        body = [(line, text) for line, text in paragraphs[title_end:] if not _ARTICLE.match(text)]
    after_title = paragraphs[title_end - 1][0] if title_end else 0
    metadata.year = _title_year(metadata.title) or _body_year(
        [(line, text) for line, text in body if line > after_title],
        metadata.date or _draft_date(own, block),
    )
    # A header whose date cannot be read (an unsigned draft); a document without any header
    # (no number, no place-and-date line) is not warned about here.
    if metadata.date is None and (metadata.number or own.date_line or block.date_line):
        line = own.date_line or block.date_line or (paragraphs[0][0] if paragraphs else 0)
        warnings.append(
            ParseWarning(
                "no_date",
                "the header has no readable date (expected “<place>, ngày dd tháng mm năm yyyy” "
                "under the number)",
                f"line {line}",
                line=line,
                params={"line": str(line)},
            )
        )
    return Header(metadata=metadata, body=body, warnings=warnings)


def _kind_line(
    paragraphs: list[tuple[int, str]], start: int, end: int, kinds: tuple[str, ...]
) -> int | None:
    for index in range(start, min(end, len(paragraphs))):
        text = paragraphs[index][1]
        match = _KIND_LINE.match(text)
        if match is None or match.group("kind") not in kinds or text.endswith(":"):
            continue
        rest = match.group("rest") or ""
        if rest[:1].islower():  # "KẾ HOẠCH số …" in running text is no kind line
            continue
        return index
    return None


def _body_opening(paragraphs: list[tuple[int, str]]) -> int:
    """With no kind word: the header ends where the body opens (its dates are citations')."""
    for index, (_line, text) in enumerate(paragraphs[:12]):
        if _BODY_OPENS.match(text):
            return index
    return min(len(paragraphs), 12)


def _own_header(
    paragraphs: list[tuple[int, str]], decision_at: int, plan_at: int
) -> list[tuple[int, str]]:
    """A header of the attached plan's own, between the decision's articles and the plan."""
    start = max(decision_at + 1, plan_at - 10)
    for index in range(plan_at - 1, decision_at, -1):
        if _ARTICLE.match(paragraphs[index][1]) or paragraphs[index][1].startswith("Nơi nhận"):
            start = max(start, index + 1)
            break
    zone = paragraphs[start:plan_at]
    if not any(_NUMBER.search(text) for _line, text in zone):
        return []
    return zone


def _read_block(zone: list[tuple[int, str]]) -> _Block:
    block = _Block()
    for line, text in zone:
        if not block.date_line and ("ngày" in text or "tháng" in text):
            block.date_line = line
    # One text, however the lines were broken, without the national name, motto and rules.
    joined = " ".join(text for _line, text in zone)
    joined = " ".join(_RULE.sub(" ", _MOTTO.sub(" ", _NATIONAL.sub(" ", joined))).split())
    if match := _ISSUER.search(joined) or _LEVEL_ONLY.search(joined):
        name = _name_after(joined[match.end() :])
        if name:
            block.level = "tỉnh" if match.group("level") == "TỈNH" else "thành phố"
            block.province = name
    if (number := _NUMBER.search(joined)) and number.group("n"):
        legal_year = f"/{number.group('y')}" if number.group("y") else ""
        symbol = re.sub(r"\s+", "", number.group("s"))
        block.number = f"{number.group('n')}{legal_year}/{symbol}"
    if match := _DATE.search(joined):
        day, month, year = (int(group) for group in match.groups())
        try:
            block.date = datetime.date(year, month, day)
        except ValueError:
            block.date = None
        block.place = _place_before(joined[: match.start()])
    elif match := _BLANK_DATE.search(joined):
        block.draft_year = int(match.group(1))
        block.place = _place_before(joined[: match.start()].rstrip(", "))
    return block


def _name_after(text: str) -> str | None:
    words: list[str] = []
    for token in text.split():
        if token in ("-", "–"):
            words.append("-")
            continue
        bare = token.rstrip(".,;:")
        if not _NAME_TOKEN.fullmatch(bare) or not bare.isupper() or bare in _NOT_NAME:
            break
        words.append(bare)
        if bare != token or len(words) >= 6:
            break
    while words and words[-1] == "-":
        words.pop()
    return " ".join(words) or None


def _place_before(text: str) -> str | None:
    words: list[str] = []
    for token in reversed(text.rstrip(" ,").split()):
        capitalised = token[0].isupper() and not (token.isupper() and len(token) > 1)
        if token in ("-", "–") or (_NAME_TOKEN.fullmatch(token) and capitalised):
            words.insert(0, token)
            if len(words) >= 6:
                break
        else:
            break
    while words and words[0] in ("-", "–"):
        words.pop(0)
    place = " ".join(words)
    place = re.sub(r"^(?:Thành phố|TP\.?)\s+", "", place)
    return place or None


def _capitalised(name: str, place: str | None) -> str:
    """The province's name as written in running text: the place line's spelling if it is the
    same name, else the header's upper case in title case ("BÀ RỊA - VŨNG TÀU" → "Bà Rịa - …")."""
    if place and fold(place) == fold(name):
        return place
    return " ".join(word.capitalize() if word != "-" else word for word in name.split())


def _title(paragraphs: list[tuple[int, str]], at: int) -> tuple[str, str, int]:
    """The kind ("Kế hoạch"), the rest of the title, and the index after the title's lines."""
    match = _KIND_LINE.match(paragraphs[at][1])
    kind = _PLAN_KINDS.get(match.group("kind"), "Quyết định") if match else ""
    parts = [match.group("rest")] if match and match.group("rest") else []
    index = at + 1
    while index < len(paragraphs) and index <= at + 4:
        text = paragraphs[index][1]
        if _TITLE_STOP.match(text) or len(text) > 300:
            break
        parts.append(text)
        index += 1
    rest = " ".join(" ".join(parts).split())[:_TITLE_MAX]  # a title, not a page of text
    return kind, rest.rstrip(" .;:"), index


def _sentence_case(title: str, kind: str | None, province: str | None) -> str:
    rest = title[len(kind) :].strip() if kind and title.startswith(kind) else title
    if rest.isupper():
        rest = rest.lower()
        for proper in (province, "Việt Nam"):
            if proper:
                rest = re.sub(re.escape(proper.lower()), proper, rest)
    elif rest and kind:
        first = rest.split()[0]
        if first[:1].isupper() and first[1:].islower():
            rest = rest[:1].lower() + rest[1:]
    return f"{kind} {rest}".strip() if kind else rest


def _title_year(title: str | None) -> int | None:
    if not title:
        return None
    match = _TITLE_YEAR.search(title)
    return int(match.group(1) or match.group(2)) if match else None


def _body_year(body: list[tuple[int, str]], date: datetime.date | None) -> int | None:
    """The year the body most often says the plan is for ("trong năm 2022")."""
    counts: Counter[int] = Counter()
    for _line, text in body:
        if text.startswith("Căn cứ"):
            continue
        for match in _BODY_YEAR.finditer(text):
            if _NOT_PLAN_YEAR.search(text[max(match.start() - 20, 0) : match.start()]):
                continue
            year = int(match.group(1))
            if date is None or date.year <= year <= date.year + 1:
                counts[year] += 1
    if not counts:
        return date.year if date else None
    return max(counts.items(), key=lambda item: (item[1], item[0]))[0]


def _draft_date(own: _Block, block: _Block) -> datetime.date | None:
    year = own.draft_year or block.draft_year
    return datetime.date(year, 1, 1) if year else None
