"""The options of each certificate type in an order, validated strictly."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from issuance_contract.certificates import CertificateType
from issuance_contract.errors import CenterRefusedError


class _Options(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class JuminhyoOptions(_Options):
    """住民票の写し: 世帯全員 or selected members, and which optional items to print."""

    scope: Literal["household", "selected"] = "household"
    members: list[str] = Field(default_factory=list, max_length=20)
    honseki: bool = False  # 本籍・筆頭者
    head_relation: bool = True  # 世帯主・続柄
    individual_number: bool = False  # 個人番号


class InkanOptions(_Options):
    """印鑑登録証明書: no options."""


class KosekiZenbuOptions(_Options):
    """戸籍全部事項証明書: no options."""


class KosekiKojinOptions(_Options):
    """戸籍個人事項証明書: the persons certified (default: the applicant)."""

    members: list[str] = Field(default_factory=list, max_length=20)


class FuhyoOptions(_Options):
    """戸籍の附票の写し: 全部 or 一部 (selected persons), and the optional items."""

    scope: Literal["all", "selected"] = "all"
    members: list[str] = Field(default_factory=list, max_length=20)
    honseki: bool = False  # 本籍・筆頭者氏名
    resident_code: bool = False  # 住民票コード


AnyOptions = JuminhyoOptions | InkanOptions | KosekiZenbuOptions | KosekiKojinOptions | FuhyoOptions

_MODELS: dict[CertificateType, type[AnyOptions]] = {
    CertificateType.JUMINHYO: JuminhyoOptions,
    CertificateType.INKAN: InkanOptions,
    CertificateType.KOSEKI_ZENBU: KosekiZenbuOptions,
    CertificateType.KOSEKI_KOJIN: KosekiKojinOptions,
    CertificateType.FUHYO: FuhyoOptions,
}


def parse_options(certificate_type: CertificateType, options: dict[str, Any]) -> AnyOptions:
    """The typed options of an order item; unknown keys or wrong types are refused."""
    try:
        return _MODELS[certificate_type].model_validate(options)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise CenterRefusedError("bad_options", f"{where}: {first['msg']}") from None
