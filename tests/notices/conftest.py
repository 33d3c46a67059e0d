from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.notices.smtp import Mailbox, smtp_server


@pytest.fixture
def smtp(settings: Any) -> Iterator[Mailbox]:
    with smtp_server(settings) as mailbox:
        yield mailbox
