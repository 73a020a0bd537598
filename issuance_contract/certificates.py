"""The certificates, their names, and the settings of the city that issues them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Literal

import msgspec

from issuance_contract.toml_schema import Strict, described


class CertificateType(StrEnum):
    """The certificates a kiosk issues."""

    JUMINHYO = "juminhyo"  # 住民票の写し
    INKAN = "inkan"  # 印鑑登録証明書
    KOSEKI_ZENBU = "koseki_zenbu"  # 戸籍全部事項証明書
    KOSEKI_KOJIN = "koseki_kojin"  # 戸籍個人事項証明書
    FUHYO = "fuhyo"  # 戸籍の附票の写し


#: The certificates' official names (certificates and receipts stay Japanese).
CERTIFICATE_NAMES = {
    CertificateType.JUMINHYO: "住民票の写し",
    CertificateType.INKAN: "印鑑登録証明書",
    CertificateType.KOSEKI_ZENBU: "戸籍全部事項証明書",
    CertificateType.KOSEKI_KOJIN: "戸籍個人事項証明書",
    CertificateType.FUHYO: "戸籍の附票の写し",
}


class MunicipalityConfig(Strict, frozen=True):
    """The city the kiosk issues for."""

    code: Annotated[str, described(r"^\d{6}$", "a six-digit municipality code")]
    name: Annotated[str, msgspec.Meta(min_length=1)]
    mayor: Annotated[str, msgspec.Meta(min_length=1)]
    allow_individual_number: bool = False
    #: 住民票の写し as the standard's 世帯連記式 (up to 4 persons a sheet) or 個人票 (one a sheet).
    juminhyo_form: Literal["household", "individual"] = "household"


_HOURS = r"^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$"


@dataclass(frozen=True)
class ServiceHours:
    """When one certificate type can be issued."""

    open: dt.time
    close: dt.time
    weekdays_only: bool = False

    def is_open(self, when: dt.datetime) -> bool:
        """True if ``when`` is within these hours."""
        if self.weekdays_only and when.weekday() >= 5:
            return False
        return self.open <= when.time() < self.close


class CertificateConfig(Strict, frozen=True):
    """Fee and hours of one certificate type."""

    fee_yen: Annotated[int, msgspec.Meta(ge=0, le=10_000, multiple_of=10)]
    enabled: bool = True
    hours: Annotated[str, described(_HOURS, "hours as HH:MM-HH:MM")] = "06:30-23:00"
    weekdays_only: bool = False

    @property
    def service_hours(self) -> ServiceHours:
        """The hours as times."""
        start, end = self.hours.split("-")
        close = dt.time.max if end == "24:00" else dt.time.fromisoformat(end)
        return ServiceHours(
            open=dt.time.fromisoformat(start), close=close, weekdays_only=self.weekdays_only
        )
