"""The choices a person makes per certificate type (what the screens offer, with defaults)."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk_app.config import CertificateType


@dataclass(frozen=True)
class OptionSpec:
    """One option of a certificate type: its key, its allowed values and its default."""

    key: str
    choices: tuple[str | bool, ...]
    default: str | bool


_YES_NO = (False, True)

#: Options per certificate type.
#: 住民票: 世帯全員/本人, 本籍・筆頭者, 世帯主・続柄, 個人番号; 附票: 全部/一部, 本籍.
OPTION_SPECS: dict[CertificateType, tuple[OptionSpec, ...]] = {
    CertificateType.JUMINHYO: (
        OptionSpec("scope", ("household", "self"), "self"),
        OptionSpec("honseki", _YES_NO, False),
        OptionSpec("head_relationship", _YES_NO, False),
        OptionSpec("individual_number", _YES_NO, False),
    ),
    CertificateType.INKAN: (),
    CertificateType.KOSEKI_ZENBU: (),
    CertificateType.KOSEKI_KOJIN: (),
    CertificateType.FUHYO: (
        OptionSpec("scope", ("all", "self"), "self"),
        OptionSpec("honseki", _YES_NO, False),
    ),
}


def option_specs(
    certificate_type: CertificateType, allow_individual_number: bool
) -> list[OptionSpec]:
    """The options offered for ``certificate_type`` in this municipality."""
    return [
        spec
        for spec in OPTION_SPECS[certificate_type]
        if spec.key != "individual_number" or allow_individual_number
    ]


def default_options(
    certificate_type: CertificateType, allow_individual_number: bool
) -> dict[str, str | bool]:
    """Each offered option at its default value."""
    specs = option_specs(certificate_type, allow_individual_number)
    return {spec.key: spec.default for spec in specs}
