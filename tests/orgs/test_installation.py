"""The installation settings: the service, the selector, the administrators' screen."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from wagtail.models import ModelLogEntry

from tests.conftest import World, make_unit
from tests.orgs.helpers import refused
from tests.orgs.test_admin_views import client_for, english_on
from ttdn.core.actor import SYSTEM
from ttdn.demo.load import load_installation, load_units
from ttdn.orgs import selectors, services
from ttdn.orgs.models import Installation, Level, UnitKind


def test_fresh_install_has_no_settings(db: None) -> None:
    assert selectors.installation() is None
    issuer = selectors.issuer_for("Bắc Giang")
    assert issuer.short == "UBND tỉnh Bắc Giang"
    assert selectors.issuer_for("Hà Nội", "thanh-pho").full == "Ủy ban nhân dân\nthành phố Hà Nội"
    assert selectors.issuer_for("Hà Nội", "thành phố").short == "UBND thành phố Hà Nội"


def test_set_by_an_administrator_audited_once(world: World) -> None:
    committee = make_unit(
        "ubnd-ha-noi", "Ủy ban nhân dân thành phố Hà Nội", UnitKind.PEOPLES_COMMITTEE
    )
    with pytest.raises(PermissionDenied):
        services.installation_set(
            actor=world.coordinator,
            province="Hà Nội",
            level=Level.CITY,
            coordinating_unit=world.department,
            peoples_committee=committee,
        )
    for _ in range(2):  # the same values again change nothing
        services.installation_set(
            actor=world.admin,
            province=" Hà  Nội ",
            level=Level.CITY,
            coordinating_unit=world.department,
            peoples_committee=committee,
        )
    settings = selectors.installation()
    assert settings is not None
    assert settings.place_phrase == "thành phố Hà Nội"
    assert selectors.issuer_for("Bắc Giang", "tinh").short == "UBND thành phố Hà Nội"
    assert Installation.objects.count() == 1
    assert ModelLogEntry.objects.filter(action="orgs.installation.set").count() == 1
    with pytest.raises(ValidationError):
        services.installation_set(
            actor=SYSTEM,
            province="",
            level=Level.CITY,
            coordinating_unit=None,
            peoples_committee=None,
        )
    with pytest.raises(ValidationError):
        services.installation_set(
            actor=SYSTEM,
            province="Huế",
            level="huyen",
            coordinating_unit=None,
            peoples_committee=None,
        )


def test_the_screen_is_the_administrators(world: World) -> None:
    url = reverse("orgs_installation")
    assert refused(client_for(world.coordinator).get(url))
    assert refused(client_for(world.officer_a).get(url))
    admin = client_for(world.admin)
    response = admin.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Cài đặt hệ thống" in html
    assert "Hệ thống chưa được thiết lập" in html
    assert english_on(html) == []
    response = admin.post(
        url,
        {"province": "Lào Cai", "level": "tinh", "coordinating_unit": world.department.pk},
    )
    assert response.status_code == 302
    settings = selectors.installation()
    assert settings is not None
    assert settings.place_phrase == "tỉnh Lào Cai"
    assert settings.coordinating_unit == world.department
    html = admin.get(url).content.decode()
    assert "Hệ thống này phục vụ tỉnh Lào Cai" in html
    response = admin.post(url, {"province": "", "level": "tinh"})
    assert response.status_code == 200  # the form again, with its error
    assert selectors.installation().province == "Lào Cai"  # type: ignore[union-attr]


def test_the_demo_serves_bac_giang(db: None) -> None:
    load_units()
    load_installation()
    load_installation()  # again: nothing new
    settings = selectors.installation()
    assert settings is not None
    assert settings.place_phrase == "tỉnh Bắc Giang"
    assert settings.coordinating_unit is not None
    assert settings.coordinating_unit.code == "so-van-hoa-the-thao-va-du-lich"
    assert selectors.issuer_for("").short == "UBND tỉnh Bắc Giang"
    assert ModelLogEntry.objects.filter(action="orgs.installation.set").count() == 1
