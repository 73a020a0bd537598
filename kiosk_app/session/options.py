"""The choices a person makes per certificate type (what the screens offer, with defaults)."""

from __future__ import annotations

from dataclasses import dataclass

from issuance_contract.certificates import CertificateType

#: The option naming the persons a certificate covers when its scope is "selected".
MEMBERS = "members"
#: The scope value that needs at least one member chosen.
SELECTED = "selected"


@dataclass(frozen=True)
class OptionSpec:
    """One option of a certificate type: its key, its allowed values and its default."""

    key: str
    choices: tuple[str | bool, ...]
    default: str | bool


_YES_NO = (False, True)

#: Options per certificate type, as the issuance server names them.
#: 住民票: 世帯全員/選択, 本籍・筆頭者, 世帯主・続柄, 個人番号; 附票: 全部/一部, 本籍, 住民票コード.
OPTION_SPECS: dict[CertificateType, tuple[OptionSpec, ...]] = {
    CertificateType.JUMINHYO: (
        OptionSpec("scope", ("household", SELECTED), "household"),
        OptionSpec("honseki", _YES_NO, False),
        OptionSpec("head_relation", _YES_NO, True),
        OptionSpec("individual_number", _YES_NO, False),
    ),
    CertificateType.INKAN: (),
    CertificateType.KOSEKI_ZENBU: (),
    CertificateType.KOSEKI_KOJIN: (),
    CertificateType.FUHYO: (
        OptionSpec("scope", ("all", SELECTED), "all"),
        OptionSpec("honseki", _YES_NO, False),
        OptionSpec("resident_code", _YES_NO, False),
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


def needs_members(certificate_type: CertificateType, options: dict[str, str | bool]) -> bool:
    """True if the person must pick the persons covered (個人事項, or a selected scope)."""
    return certificate_type is CertificateType.KOSEKI_KOJIN or options.get("scope") == SELECTED
