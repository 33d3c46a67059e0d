"""A unit's kind guessed from its name, for a registry row or a new name whose kind is not given.

Only a proposal: the preview shows it marked as proposed, and the unit's screen changes it.
"""

from __future__ import annotations

from ttdn.core.text import name_key
from ttdn.orgs.models import UnitKind

# (name prefix, kind), by name key (lower case, "UBND" spelled out); the first match wins, so
# the longer prefixes come before the shorter ones they begin with.
_PREFIXES: tuple[tuple[str, UnitKind], ...] = (
    ("ủy ban nhân dân tỉnh", UnitKind.PEOPLES_COMMITTEE),
    ("ủy ban nhân dân xã", UnitKind.COMMUNE),
    ("ủy ban nhân dân phường", UnitKind.COMMUNE),
    ("ủy ban nhân dân thị trấn", UnitKind.COMMUNE),
    ("ủy ban nhân dân đặc khu", UnitKind.COMMUNE),
    ("ủy ban nhân dân huyện", UnitKind.DISTRICT),
    ("ủy ban nhân dân quận", UnitKind.DISTRICT),
    ("ủy ban nhân dân thị xã", UnitKind.DISTRICT),
    ("ủy ban nhân dân thành phố", UnitKind.DISTRICT),
    ("ủy ban mặt trận tổ quốc", UnitKind.MASS_ORGANISATION),
    ("mặt trận tổ quốc", UnitKind.MASS_ORGANISATION),
    ("hội đồng nhân dân", UnitKind.PARTY),
    ("tỉnh ủy", UnitKind.PARTY),
    ("thành ủy", UnitKind.PARTY),
    ("đảng ủy", UnitKind.PARTY),
    ("ban tuyên giáo", UnitKind.PARTY),
    ("ban dân vận", UnitKind.PARTY),
    ("ban tổ chức", UnitKind.PARTY),
    ("ban nội chính", UnitKind.PARTY),
    ("sở", UnitKind.DEPARTMENT),
    ("báo", UnitKind.PRESS),
    ("đài phát thanh", UnitKind.PRESS),
    ("tạp chí", UnitKind.PRESS),
    ("cổng thông tin", UnitKind.PRESS),
    ("bộ chỉ huy", UnitKind.AGENCY),
    ("bộ đội biên phòng", UnitKind.AGENCY),
    ("bộ", UnitKind.CENTRAL),
    ("tổng cục", UnitKind.CENTRAL),
    ("cục", UnitKind.CENTRAL),
    ("thông tấn xã", UnitKind.CENTRAL),
    ("đại sứ quán", UnitKind.FOREIGN_PARTNER),
    ("tổng lãnh sự", UnitKind.FOREIGN_PARTNER),
    ("lãnh sự quán", UnitKind.FOREIGN_PARTNER),
    ("hội", UnitKind.MASS_ORGANISATION),
    ("liên đoàn lao động", UnitKind.MASS_ORGANISATION),
    ("liên hiệp các tổ chức hữu nghị", UnitKind.MASS_ORGANISATION),
    ("đoàn thanh niên", UnitKind.MASS_ORGANISATION),
    ("tỉnh đoàn", UnitKind.MASS_ORGANISATION),
    ("công an", UnitKind.AGENCY),
    ("ban quản lý", UnitKind.AGENCY),
    ("văn phòng", UnitKind.AGENCY),
    ("thanh tra", UnitKind.AGENCY),
    ("trường", UnitKind.AGENCY),
    ("trung tâm", UnitKind.AGENCY),
    ("kho bạc", UnitKind.AGENCY),
    ("chi cục", UnitKind.AGENCY),
)


def propose_kind(name: str) -> UnitKind:
    """The kind a unit's name suggests ("Sở Tư pháp" → department); ``OTHER`` when none does."""
    key = name_key(name)
    for prefix, kind in _PREFIXES:
        if key == prefix or key.startswith(prefix + " "):
            return kind
    return UnitKind.OTHER
