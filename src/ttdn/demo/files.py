"""The demo's data files, readable without Django (the parser tests and benchmarks use them)."""

from __future__ import annotations

import json
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
UNITS_FILE = DATA / "units.json"
PLAN_FILE = DATA / "bac-giang-ttdn-2025.txt"


def seed_unit_names(path: Path = UNITS_FILE) -> list[str]:
    """Every name, short name and alias of the demo's units and groups."""
    data = json.loads(path.read_text(encoding="utf-8"))
    names: list[str] = []
    for unit in data["units"]:
        names += [unit["name"], unit.get("short_name") or "", *unit.get("aliases", [])]
    for group in data["groups"]:
        names += [group["name"], *group.get("aliases", [])]
    return [name for name in names if name]
