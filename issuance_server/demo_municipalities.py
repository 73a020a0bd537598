"""Three fictitious demo municipalities for the relay center's demo, tests and bench.

ALL FICTITIOUS: 架空市 is the single-city demo's city; 見本町 and 試験村 are invented too. They
differ in fees, hours and what they offer through the center (試験村 has no 本籍地 service).
Each has its own registry (seed) and card serial range under the one demo JPKI CA.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from issuance_contract.certificates import CertificateConfig, CertificateType, MunicipalityConfig
from issuance_server.demo_data import DemoPlace, generate
from issuance_server.registry import Registry
from issuance_server.settings import ServerSettings

T = CertificateType


@dataclass(frozen=True)
class DemoMunicipality:
    """One demo municipality: who it is, what it charges, what it offers via the center."""

    code: str
    name: str
    prefecture: str
    mayor: str
    seed: int
    card_serial_base: int
    fees: dict[CertificateType, int]
    koseki_hours: str
    koseki_weekdays_only: bool
    honseki: bool  # 本籍地 certificates and 利用登録 through the center

    @property
    def place(self) -> DemoPlace:
        """Where its registry's addresses and 本籍 are."""
        return DemoPlace(self.prefecture, self.name)

    def registry(self) -> Registry:
        """Its fictitious registry (the seed's people, living and registered here)."""
        return generate(self.seed, card_serial_base=self.card_serial_base, place=self.place)

    def settings(self, data_dir: Path, database: str = "") -> ServerSettings:
        """Server settings with demo data (PKI shared under ``data_dir``)."""
        certificates = {
            kind: CertificateConfig(
                fee_yen=fee,
                hours=self.koseki_hours
                if kind is not T.JUMINHYO and kind is not T.INKAN
                else "06:30-23:00",
                weekdays_only=self.koseki_weekdays_only and kind not in (T.JUMINHYO, T.INKAN),
            )
            for kind, fee in self.fees.items()
        }
        return ServerSettings(
            municipality=MunicipalityConfig(
                code=self.code, name=self.name, mayor=self.mayor, allow_individual_number=True
            ),
            certificates=certificates,
            data_dir=data_dir,
            database=database,
            demo_data=True,
            demo_seed=self.seed,
            demo_card_serial_base=self.card_serial_base,
        )


def server_toml(settings: ServerSettings, server_lines: str = "") -> str:
    """A ``shomei-server --config`` file for demo ``settings`` (staff commands, a served demo):
    [server] with ``server_lines`` added, [municipality] and [certificates.*]."""
    m = settings.municipality
    lines = [
        "[server]",
        f'data_dir = "{settings.data_dir}"',
        f'database = "{settings.database_url}"',
        "demo_data = true",
        f"demo_seed = {settings.demo_seed}",
        f"demo_card_serial_base = {settings.demo_card_serial_base}",
        server_lines,
        "[municipality]",
        f'code = "{m.code}"',
        f'name = "{m.name}"',
        f'mayor = "{m.mayor}"',
        f"allow_individual_number = {str(m.allow_individual_number).lower()}",
    ]
    for kind, c in settings.certificates.items():
        lines += [
            f"[certificates.{kind.value}]",
            f"fee_yen = {c.fee_yen}",
            f'hours = "{c.hours}"',
            f"weekdays_only = {str(c.weekdays_only).lower()}",
            f"enabled = {str(c.enabled).lower()}",
        ]
    return "\n".join(line for line in lines if line) + "\n"


def _fees(juminhyo: int, inkan: int, koseki: int, fuhyo: int) -> dict[CertificateType, int]:
    return {
        T.JUMINHYO: juminhyo,
        T.INKAN: inkan,
        T.KOSEKI_ZENBU: koseki,
        T.KOSEKI_KOJIN: koseki,
        T.FUHYO: fuhyo,
    }


DEMO_MUNICIPALITIES = (
    DemoMunicipality(
        "999991",
        "架空市",
        "架空県",
        "見本　太郎",
        20260401,
        0x100000,
        _fees(200, 200, 450, 300),
        "09:00-17:00",
        True,
        True,
    ),
    DemoMunicipality(
        "999992",
        "見本町",
        "架空県",
        "試験　花子",
        20260402,
        0x200000,
        _fees(300, 300, 450, 200),
        "06:30-23:00",
        False,
        True,
    ),
    DemoMunicipality(
        "999993",
        "試験村",
        "模擬県",
        "仮野　一郎",
        20260403,
        0x300000,
        _fees(150, 150, 450, 300),
        "08:30-17:15",
        True,
        False,
    ),
)


def demo_place(municipality: MunicipalityConfig) -> DemoPlace:
    """Where a demo server's registry is: ``municipality`` by name, in its demo prefecture
    (架空県 for a code that is not one of the demo municipalities')."""
    prefectures = {d.code: d.prefecture for d in DEMO_MUNICIPALITIES}
    return DemoPlace(prefectures.get(municipality.code, DemoPlace().prefecture), municipality.name)
