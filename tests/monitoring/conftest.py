from collections.abc import Iterator

import pytest

from ttdn.demo.press_site import PressSite
from ttdn.monitoring.fetch import Fetcher, HostThrottle, parse_networks


@pytest.fixture(scope="session")
def test_server() -> Iterator[PressSite]:
    """The press site's test addresses only (robots.txt, /huge, /slow, redirects)."""
    site = PressSite(files={}).start()
    yield site
    site.stop()


@pytest.fixture
def fetcher() -> Fetcher:
    """A fetcher allowed to reach 127.0.0.1 (only), without waiting between tries."""
    return Fetcher(
        allow_networks=parse_networks(["127.0.0.1/32"]),
        timeout=1.0,
        max_bytes=1_000_000,
        retries=2,
        backoff=0.0,
        throttle=HostThrottle(0.0),
        sleep=lambda seconds: None,
    )
