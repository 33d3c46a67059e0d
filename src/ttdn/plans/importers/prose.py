"""Tasks written as prose: numbered items under the plan's task section.

A plan without a task table lists its tasks as items under a top-level section named
"NHIỆM VỤ …" (else "NỘI DUNG …"): "1.", "1.1.", "1.1.1.", "a)", and dash items. Each item's
units and time are written in one of these forms, and belong to the nearest item above them:

- lines "- Cơ quan chủ trì: …", "- Cơ quan phối hợp: …", "- Thời gian thực hiện: …" (also
  "Đơn vị chủ trì", "Thời gian:", "Thời hạn:", "Tiến độ:"; "Đơn vị/Cơ quan thực hiện: …" is all
  lead unless one name is marked "(chủ trì)"), alone or several on one line;
- one parenthesis in the item, "(Chủ trì: …; phối hợp: …; thời gian: …)", in any order and case;
- a sentence: "Sở X chủ trì, phối hợp với Sở Y, UBND các huyện tổ chức …", "Giao Sở X chủ trì …".

An item with child items is a heading; an item naming no units takes them (and its time, if it
names none) from its nearest ancestor that names them, as a merged table cell does. A dash item
that names its own units is a task of its own ("II.1.a.-2"); other lines under an item are its
``details``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ttdn.core.text import fold
from ttdn.plans.importers.names import KnownNames, begins_unit_name, split_units
from ttdn.plans.importers.shape import ParseWarning, Task
from ttdn.plans.importers.timeframe import normalise_timeframe

_SECTION = re.compile(
    r"^(?:phần\s+)?(?P<label>[IVXLC]+|\d{1,2})\s*[.:–-]\s*(?P<title>\S.*)$", re.IGNORECASE
)
_NUMBERED = re.compile(r"^(?P<label>\d{1,2}(?:\.\d{1,2})*)(?P<end>[.)]|\s)\s*(?P<text>.*)$")
_LETTERED = re.compile(r"^(?P<label>[a-zđ])(?:\)\s*|\.\s+)(?P<text>.*)$")
# A group of items inside the task section: "A. CÔNG TÁC TUYÊN TRUYỀN", "B. Hoạt động …".
_GROUP = re.compile(r"^(?P<label>[A-EĐ])\.\s+(?P<text>\S.*)$")
_BULLET = re.compile(r"^(?P<bullet>[-–—+*•·])\s*(?P<text>.*)$")
# How deep a bullet usually sits: "-" items, "+" their sub-items, "*" or "•" below them.
_BULLET_RANK = {"-": 1, "–": 1, "—": 1, "+": 2, "*": 3, "•": 3, "·": 3}

# The words that introduce a unit or a time: "Cơ quan chủ trì", "phối hợp", "Thời gian thực
# hiện", "Đơn vị thực hiện" … followed by a colon.
_LABEL = (
    r"(?:(?:cơ quan|đơn vị)\s+)?(?:chủ trì|phối hợp)(?:\s+(?:thực hiện|triển khai|tham mưu))?"
    r"|(?:cơ quan|đơn vị)\s+(?:thực hiện|triển khai)"
    r"|thời gian(?:\s+(?:thực hiện|hoàn thành|triển khai|tổ chức))?"
    r"|thời hạn(?:\s+(?:thực hiện|hoàn thành))?"
    r"|tiến độ(?:\s+(?:thực hiện|hoàn thành))?"
)
_FIELD = re.compile(rf"(?:^|(?<=[\s;,.(]))(?P<label>{_LABEL})\s*:", re.IGNORECASE)
_FIELD_LINE = re.compile(rf"^(?:{_LABEL})\s*:", re.IGNORECASE)
_FIELD_PAREN = re.compile(rf"\(\s*(?:{_LABEL})\s*:", re.IGNORECASE)
# Fields written after the item's text without a parenthesis: "Tổ chức …. Chủ trì: Sở X; …".
_FIELD_TAIL = re.compile(rf"(?:[.;]\s*|\s[-–]\s*)(?={_LABEL}\s*:)", re.IGNORECASE)
_LEAD_MARK = re.compile(r"\s*\(\s*chủ trì\s*\)", re.IGNORECASE)

# "Sở X chủ trì", "Giao Sở X chủ trì", at the start of the text or of a clause.
_SENTENCE = re.compile(
    r"(?:(?:giao nhiệm vụ cho|giao cho|giao|đề nghị)\s+)?"
    r"(?P<lead>[^:.;]+?)\s+(?:(?:là cơ quan|làm đầu mối|làm cơ quan)\s+)?chủ trì"
    r"(?=[\s,.;:]|$)",
    re.IGNORECASE,
)
# What may follow the units in a sentence that states nothing else: "… thực hiện.".
_ONLY_UNITS = re.compile(
    r"^[\s,]*(?:(?:tổ chức|triển khai|chỉ đạo|hướng dẫn)\s+)?(?:thực hiện|triển khai)?"
    r"(?:\s+(?:nhiệm vụ|nội dung|hoạt động)(?:\s+(?:này|trên))?)?\s*[.;]?\s*$",
    re.IGNORECASE,
)
# Where a clause that states the lead may start: the text's start, after ":", ".", ";" or " - ".
_CLAUSE = re.compile(r"[:.;]\s+|\s[-–]\s+")
_WITH = re.compile(
    r"^\s*[,;]?\s*(?:và\s+)?phối hợp(?:\s+chặt chẽ)?\s+(?:với|cùng)\s+", re.IGNORECASE
)
_NAMED_PARTNERS = re.compile(
    r"^\s*[,;]\s*(?P<partners>[^.;:]+?)\s+(?:cùng\s+)?phối hợp(?=[\s,.;:]|$)", re.IGNORECASE
)
# Words that cannot continue a unit's name: the verb (or the adverb, preposition) that follows
# the list of partners in "phối hợp với Sở Y, UBND các huyện tổ chức …". Matched in lower case
# only: inside a name such words are capitalised ("Trung tâm Xúc tiến Đầu tư", "Ban Quản lý"),
# and one right after a head word ("Ban quản lý", "Ban chỉ đạo 35") still belongs to the name.
_STOP = re.compile(
    r"(?:"
    r"tổ chức|thực hiện|triển khai|xây dựng|tuyên truyền|biên tập|biên soạn|cung cấp|"
    r"hướng dẫn|theo dõi|rà soát|tham mưu|chỉ đạo|đẩy mạnh|tăng cường|phát hành|sản xuất|"
    r"quảng bá|giới thiệu|đăng tải|phổ biến|cập nhật|duy trì|nâng cao|đấu tranh|phản bác|"
    r"kiểm tra|đôn đốc|tổng hợp|báo cáo|đề xuất|nghiên cứu|chuẩn bị|phát động|đón tiếp|"
    r"tiếp đón|tiếp nhận|vận hành|in ấn|xuất bản|phát sóng|lựa chọn|chọn lọc|khảo sát|"
    r"đánh giá|ban hành|tập huấn|bồi dưỡng|quán triệt|tham gia|hỗ trợ|thiết lập|thiết kế|"
    r"soạn thảo|thành lập|lập|làm|mời|thẩm định|giám sát|quản lý|vận động|kêu gọi|"
    r"lồng ghép|phát triển|bảo đảm|đảm bảo|ứng dụng|số hóa|sưu tầm|ghi hình|dịch|phối hợp|"
    r"để|nhằm|về việc|theo|thông qua|bằng|kịp thời|chủ động|thường xuyên|định kỳ|hằng năm|"
    r"hàng năm|hằng quý|hàng quý|tích cực|khẩn trương|tiếp tục|đồng thời|có trách nhiệm|"
    r"chịu trách nhiệm|"
    r"trình (?:UBND|Ủy ban|HĐND|Chủ tịch|Thủ tướng|Bộ|Tỉnh ủy|cấp)|"
    r"trong (?:việc|năm|quý|tháng|dịp|thời gian|các|quá trình))"
    r"(?=[\s,.;:]|$)"
)
# Words after which a lower-case word still belongs to the unit's name ("Ban quản lý", "Trung
# tâm thông tin", "Ban chỉ đạo 35"), folded.
_HEAD_WORDS = frozenset(
    ("so", "ban", "tam", "hoi", "dai", "bao", "cuc", "phong", "vien", "uy", "ubnd", "doan")
)

TASK_SECTION_WORDS = ("NHIỆM VỤ", "NỘI DUNG")


@dataclass
class _Units:
    lead: list[str] = field(default_factory=list)
    partners: list[str] = field(default_factory=list)
    time: str | None = None

    @property
    def named(self) -> bool:
        return bool(self.lead or self.partners)

    def add(self, other: _Units) -> None:
        if not self.lead:
            self.lead = other.lead
        self.partners.extend(name for name in other.partners if name not in self.partners)
        if self.time is None:
            self.time = other.time


@dataclass
class _Item:
    code: str
    label: str
    parent: str | None
    title: str
    line: int
    units: _Units
    kind: str  # group | number | letter | dash
    bullet: str = ""
    details: list[str] = field(default_factory=list)


def task_sections(sections: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The top-level sections holding the tasks: every one named NHIỆM VỤ, else NỘI DUNG."""
    for word in TASK_SECTION_WORDS:
        found = [(line, text) for line, text in sections if word in _title(text).upper()]
        if found:
            return found
    return []


def read_prose_tasks(
    paragraphs: list[tuple[int, str]],
    sections: list[tuple[int, str]],
    year: int | None,
    known: KnownNames,
) -> tuple[list[Task], list[ParseWarning]]:
    """The numbered items under the task sections, as tasks; warnings for repeated numbers."""
    items: list[_Item] = []
    starts = [line for line, _text in sections]
    for line, text in task_sections(sections):
        later = [start for start in starts if start > line]
        end = min(later) if later else None
        body = [(n, t) for n, t in paragraphs if n > line and (end is None or n < end)]
        match = _SECTION.match(text)
        items.extend(_read_section(match.group("label") if match else "", body, known))
    warnings: list[ParseWarning] = []
    seen: set[str] = set()
    for item in items:
        if item.code in seen:
            warnings.append(
                ParseWarning(
                    "duplicate_code",
                    f"code {item.label} appears twice",
                    f"line {item.line} (item {item.label})",
                    line=item.line,
                    params={"label": item.label},
                )
            )
        seen.add(item.code)
    return _tasks(items, year), warnings


def _title(section: str) -> str:
    match = _SECTION.match(section)
    return match.group("title") if match else section


def _read_section(section: str, body: list[tuple[int, str]], known: KnownNames) -> list[_Item]:
    roman = not section.isdigit()
    items: list[_Item] = []
    by_code: dict[str, _Item] = {}
    group: _Item | None = None  # the last "A." group
    number: _Item | None = None  # the last "1." / "1.1." item
    letter: _Item | None = None  # the last "a)" item under it
    current: _Item | None = None  # the nearest item above: units and details go to it
    dash_counts: dict[str | None, int] = {}

    def add(item: _Item) -> _Item:
        items.append(item)
        by_code.setdefault(item.code, item)
        return item

    for index, (line, text) in enumerate(body):
        if match := _GROUP.match(text):
            label = match.group("label")
            title, units = _item_text(match.group("text"), known)
            code = _join(section, label)
            group = current = add(_Item(code, label, None, title, line, units, "group"))
            number = letter = None
            continue
        if (match := _NUMBERED.match(text)) and _is_number(match):
            label = match.group("label")
            carried = bool(section) and label.startswith(f"{section}.")
            own = label[len(section) + 1 :] if carried else label
            if group is not None:
                code = f"{group.code}.{own if not roman else label}"
            elif not roman and own != label:
                code = label  # "2.1" under "2. NHIỆM VỤ": the label carries the section
            else:
                code = _join(section, label)
            parent = code.rsplit(".", 1)[0]
            while parent and parent not in by_code:
                parent = parent.rsplit(".", 1)[0] if "." in parent else ""
            title, units = _item_text(match.group("text"), known)
            number = current = add(_Item(code, label, parent or None, title, line, units, "number"))
            letter = None
            continue
        if match := _LETTERED.match(text):
            label = match.group("label")
            enclosing = number or group
            parent_code = enclosing.code if enclosing is not None else None
            code = _join(parent_code or section, label)
            title, units = _item_text(match.group("text"), known)
            letter = current = add(_Item(code, label, parent_code, title, line, units, "letter"))
            continue
        bullet_match = _BULLET.match(text)
        bullet = bullet_match.group("bullet") if bullet_match else ""
        content = bullet_match.group("text").strip() if bullet_match else text
        # A line at the level of a dash task (same bullet) belongs to the item above that task.
        owner = current
        if (
            current is not None
            and current.kind == "dash"
            and _rank(bullet) <= _rank(current.bullet)
        ):
            owner = by_code.get(current.parent or "", current)
        if owner is None and not (bullet and _FIELD_PAREN.search(content)):
            continue  # the section's introduction, before its first item
        if owner is not None and _FIELD_LINE.match(content):
            owner.units.add(_fields(content, known))
            continue
        stated = _sentence_spans(content)
        if owner is not None and stated is not None and (not bullet or stated.only_units):
            # A sentence naming the units of the item above (a dash task if, with a bullet,
            # it also says what to do).
            owner.units.add(_sentence(content, known) or _Units())
            continue
        if bullet and (
            _FIELD_PAREN.search(content)
            or stated is not None
            or _field_line_follows(body, index, bullet)
        ):
            enclosing = letter or number or group
            parent_code = enclosing.code if enclosing is not None else None
            dash_counts[parent_code] = dash_counts.get(parent_code, 0) + 1
            label = f"-{dash_counts[parent_code]}"
            title, units = _item_text(content, known)
            current = add(
                _Item(
                    _join(parent_code or section, label),
                    label,
                    parent_code,
                    title,
                    line,
                    units,
                    "dash",
                    bullet=bullet,
                )
            )
            continue
        if owner is not None:
            owner.details.append(" ".join(content.split()))
            current = owner  # the lines under this one describe the same item
    return items


def _join(prefix: str, label: str) -> str:
    return f"{prefix}.{label}" if prefix else label


def _is_number(match: re.Match[str]) -> bool:
    """ "1.", "1.2.", "1.2 Text", "2)"; not "1.000 người" nor a year."""
    if match.group("end").isspace():
        return "." in match.group("label")
    text = match.group("text")
    return not text[:1].isdigit() and (match.end("end") < match.start("text") or text[:1].isalpha())


def _rank(bullet: str) -> int:
    """How deep a line sits; a line without a bullet counts as the deepest (it goes with the
    nearest item above it)."""
    return _BULLET_RANK.get(bullet, 0) if bullet else 4


def _field_line_follows(body: list[tuple[int, str]], index: int, bullet: str) -> bool:
    """A dash line followed by units lines of a deeper bullet ("+ Chủ trì: …") names its own."""
    if index + 1 >= len(body):
        return False
    match = _BULLET.match(body[index + 1][1])
    return (
        match is not None
        and _rank(match.group("bullet")) > _rank(bullet)
        and _FIELD_LINE.match(match.group("text").strip()) is not None
    )


def _item_text(text: str, known: KnownNames) -> tuple[str, _Units]:
    """An item's title (its own words, without the units) and the units it names itself."""
    units = _Units()
    if paren := _FIELD_PAREN.search(text):
        close = _closing(text, paren.start())
        units.add(_fields(text[paren.start() + 1 : close], known))
        text = f"{text[: paren.start()]} {text[close + 1 :]}"
    elif (tail := _FIELD_TAIL.search(text)) and tail.start() > 0:
        units.add(_fields(text[tail.end() :], known))
        text = text[: tail.start()]
    elif _FIELD_LINE.match(text):
        units.add(_fields(text, known))
    if (sentence := _sentence(text, known)) is not None:
        units.add(sentence)
    return _clean_title(text), units


def _clean_title(text: str) -> str:
    return " ".join(text.split()).strip().rstrip(".;:").strip()


def _closing(text: str, start: int) -> int:
    depth = 0
    for index in range(start, len(text)):
        if text[index] == "(":
            depth += 1
        elif text[index] == ")":
            depth -= 1
            if depth == 0:
                return index
    return len(text)


def _fields(text: str, known: KnownNames) -> _Units:
    """ "Chủ trì: …; phối hợp: …; thời gian: …" (any order, any case) → units and time."""
    units = _Units()
    found = list(_FIELD.finditer(text))
    for index, match in enumerate(found):
        end = found[index + 1].start() if index + 1 < len(found) else len(text)
        value = " ".join(text[match.end() : end].split()).strip(" ;,.")
        label = " ".join(match.group("label").lower().split())
        if label.startswith(("thời gian", "thời hạn", "tiến độ")):
            if units.time is None and value.strip(" -–—"):
                units.time = value
        elif "chủ trì" in label:
            units.lead = units.lead or _names(value, known)
        elif "phối hợp" in label:
            units.partners.extend(_names(value, known))
        else:  # "Đơn vị thực hiện", "Cơ quan triển khai"
            # "Đơn vị thực hiện: Sở X (chủ trì), Sở Y": the marked name leads, the others
            # coordinate; without a mark every name is a lead.
            names = _names(value, known)
            marked = [name for name in names if _LEAD_MARK.search(name)]
            if marked:
                units.lead = [_LEAD_MARK.sub("", name) for name in marked]
                units.partners.extend(name for name in names if name not in marked)
            else:
                units.lead = units.lead or names
    return units


def _names(value: str, known: KnownNames) -> list[str]:
    """Unit names of a field; a dash ("—", "–", "-") names no unit."""
    if not value.strip(" -–—.;,"):
        return []
    return split_units(value, known)


def _sentence(text: str, known: KnownNames) -> _Units | None:
    """ "Sở X chủ trì, phối hợp với Sở Y, Sở Z tổ chức …" → lead Sở X, partners Sở Y, Sở Z."""
    found = _sentence_spans(text)
    if found is None:
        return None
    return _Units(lead=_names(found.lead, known), partners=_names(found.partners, known))


@dataclass
class _Stated:
    lead: str
    partners: str
    only_units: bool  # "Sở X chủ trì, phối hợp với Sở Y thực hiện.": nothing but the units


def _sentence_spans(text: str) -> _Stated | None:
    """The lead and the partners of a sentence that states them, as written."""
    if "chủ trì" not in text.lower():
        return None
    for start in [0, *(m.end() for m in _CLAUSE.finditer(text))]:
        match = _SENTENCE.match(text, start)
        if match is None:
            continue
        lead = re.split(r"\s+giao(?:\s+cho)?\s+", match.group("lead").strip(" ,"))[-1]
        if not begins_unit_name(lead) or len(lead.split()) > 20:
            continue
        rest = text[match.end() :]
        partners = ""
        if with_partners := _WITH.match(rest):
            rest = rest[with_partners.end() :]
            partners = _until_stop(rest)
            rest = rest[len(partners) :]
        # "Sở X chủ trì, Sở Y, Sở Z phối hợp thực hiện"
        elif (named := _NAMED_PARTNERS.match(rest)) and begins_unit_name(named.group("partners")):
            partners = named.group("partners")
            rest = rest[named.end() :]
        return _Stated(lead, partners, start == 0 and _ONLY_UNITS.match(rest) is not None)
    return None


def _until_stop(text: str) -> str:
    """The list of partners at the start of ``text``: up to the first word that cannot continue
    a unit's name, or the end of the clause."""
    previous = ""
    for word in re.finditer(r"\S+", text):
        start = word.start()
        if previous and fold(previous.strip(",;")) not in _HEAD_WORDS and _STOP.match(text, start):
            return text[:start].strip(" ,;")
        token = word.group(0)
        if token.endswith((".", ":")) and not re.search(r"\.\w", token):
            return text[: word.end() - 1].strip(" ,;")
        if token.endswith(";") and not begins_unit_name(text[word.end() :].lstrip()):
            return text[: word.end() - 1].strip(" ,;")
        previous = token
    return text.strip(" ,;.")


def _tasks(items: list[_Item], year: int | None) -> list[Task]:
    parents = {item.parent for item in items}
    by_code = {item.code: item for item in items}
    tasks: list[Task] = []
    for item in items:
        heading = item.code in parents
        units, time = item.units, item.units.time
        if not heading:
            ancestor = by_code.get(item.parent) if item.parent else None
            while ancestor is not None and not units.named:
                if ancestor.units.named:
                    units = ancestor.units
                ancestor = by_code.get(ancestor.parent) if ancestor.parent else None
            ancestor = by_code.get(item.parent) if item.parent else None
            while ancestor is not None and time is None:
                time = ancestor.units.time
                ancestor = by_code.get(ancestor.parent) if ancestor.parent else None
        tasks.append(
            Task(
                code=item.code,
                label=item.label,
                parent=item.parent,
                title=item.title,
                lead=list(units.lead),
                partners=list(units.partners),
                timeframe=normalise_timeframe(time or "", year),
                line=item.line,
                is_heading=heading,
                details=item.details,
            )
        )
    return tasks
