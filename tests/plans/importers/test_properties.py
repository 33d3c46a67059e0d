"""Whatever the input, the parser returns a result or a PlanReadError: never a crash or a hang."""

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ttdn.demo.files import PLAN_FILE
from ttdn.plans.importers.names import KnownNames
from ttdn.plans.importers.parse import PlanReadError, parse_plan
from ttdn.plans.importers.shape import ParsedPlan

SEED = PLAN_FILE.read_bytes()
SEED_TEXT = SEED.decode("utf-8")
KNOWN = KnownNames(["Sở Ngoại vụ", "UBND huyện, thị xã, thành phố"])


def parse_or_refuse(data: bytes) -> ParsedPlan | None:
    try:
        return parse_plan(data, filename="x.txt", known=KNOWN)
    except PlanReadError as exc:
        message = str(exc)
    assert message  # a message, in one line
    assert "\n" not in message
    return None


@settings(max_examples=60, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4000))
def test_random_bytes(data: bytes) -> None:
    parse_or_refuse(data)


@settings(max_examples=60, deadline=2000)
@given(st.text(alphabet=st.sampled_from([*SEED_TEXT[:4000], "\t", "\n", "\u00a0"])))
def test_random_text_made_of_plan_characters(text: str) -> None:
    parse_or_refuse(text.encode("utf-8"))


@settings(max_examples=40, deadline=3000)
@given(st.integers(min_value=0, max_value=len(SEED)))
def test_truncated_seed(cut: int) -> None:
    parse_or_refuse(SEED[:cut])


@settings(max_examples=20, deadline=5000)
@given(st.randoms(use_true_random=False))
def test_shuffled_rows(rng: random.Random) -> None:
    head, _, table = SEED_TEXT.partition("\tTHỜI GIAN THỰC HIỆN\n")
    blocks = table.split("\n\n")
    rng.shuffle(blocks)
    result = parse_or_refuse((head + "\tTHỜI GIAN THỰC HIỆN\n" + "\n\n".join(blocks)).encode())
    assert result is not None


@settings(max_examples=10, deadline=10000)
@given(st.integers(min_value=10_000, max_value=200_000))
def test_huge_cell(size: int) -> None:
    huge = SEED_TEXT.replace("\tNăm 2025\n", "\t" + "Sở Ngoại vụ, " * (size // 13) + "\n", 1)
    result = parse_or_refuse(huge.encode("utf-8"))
    assert result is not None
