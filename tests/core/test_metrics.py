"""/metrics: Prometheus text for METRICS_ALLOW_NETWORKS only, never through a proxy."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings


def metrics(client: Client, address: str, **headers: str) -> int:
    response = client.get("/metrics", HTTP_HOST="127.0.0.1", REMOTE_ADDR=address, **headers)
    if response.status_code == 200:
        assert response["Content-Type"].startswith("text/plain")
        assert b"django_http_requests_latency_including_middlewares_seconds" in response.content
    return response.status_code


@pytest.mark.django_db
def test_loopback_reads_metrics_by_default(client: Client) -> None:
    assert metrics(client, "127.0.0.1") == 200
    assert metrics(client, "::1") == 200


@pytest.mark.django_db
def test_other_addresses_are_refused(client: Client) -> None:
    assert metrics(client, "10.0.0.5") == 404
    assert metrics(client, "203.0.113.9") == 404


@pytest.mark.django_db
def test_a_forwarded_request_is_refused_even_from_loopback(client: Client) -> None:
    """nginx on the same box connects from 127.0.0.1 on behalf of anyone."""
    assert metrics(client, "127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9") == 404
    assert metrics(client, "127.0.0.1", HTTP_FORWARDED="for=203.0.113.9") == 404


@pytest.mark.django_db
@override_settings(METRICS_ALLOW_NETWORKS=["10.0.0.0/8"])
def test_the_allowed_networks_are_a_setting(client: Client) -> None:
    assert metrics(client, "10.20.30.40") == 200
    assert metrics(client, "127.0.0.1") == 404
