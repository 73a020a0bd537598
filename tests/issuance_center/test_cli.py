"""``shomei-center``: the municipality directory, the card directory, the monthly settlement."""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
from pathlib import Path

import pytest

from issuance_center.cli import main
from issuance_center.settings import load_settings
from issuance_center.settlement import TOKYO, month_bounds, write_settlements
from issuance_center.store import CenterStore, DocumentLine
from issuance_contract.issuance_status import IssuanceStatus
from issuance_contract.toml_schema import ConfigError
from issuance_server.tls_demo import make_demo_tls


@pytest.fixture(scope="module")
def ca_pem(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A municipality server's CA certificate, to pin."""
    return make_demo_tls(tmp_path_factory.mktemp("muni-tls"), []).ca.read_text()


def _add(database: str, tmp_path: Path, code: str, *flags: str) -> int:
    ca = tmp_path / f"{code}.pem"
    if not ca.exists():
        ca.write_text((tmp_path / "ca.pem").read_text())
    return main(
        [
            "municipalities", "add", code, "--database", database, "--name", f"町{code}",
            "--prefecture", "架空県", "--url", f"https://{code}.example.invalid", "--ca", str(ca),
            *flags,
        ]
    )  # fmt: skip


def test_municipalities_add_list_disable_enable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], ca_pem: str
) -> None:
    (tmp_path / "ca.pem").write_text(ca_pem)
    db = f"sqlite:///{tmp_path / 'c.sqlite3'}"
    assert _add(db, tmp_path, "999991") == 0
    assert _add(db, tmp_path, "999993", "--no-honseki", "--no-registration") == 0
    assert main(["municipalities", "disable", "999991", "--database", db]) == 0
    capsys.readouterr()
    assert main(["municipalities", "list", "--database", db]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("999991")
    assert lines[0].endswith("DISABLED")
    assert "residence,honseki,registration" in lines[0]
    assert lines[1].startswith("999993")
    assert " residence  enabled" in lines[1]
    assert main(["municipalities", "enable", "999991", "--database", db]) == 0
    store = CenterStore(db)
    assert all(m.enabled for m in store.municipalities())
    assert store.municipality("999991").ca_pem == ca_pem  # type: ignore[union-attr]
    store.close()
    assert main(["municipalities", "disable", "123456", "--database", db]) == 1


def test_a_bad_code_url_or_ca_file_is_one_line_and_no_change(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], ca_pem: str
) -> None:
    (tmp_path / "ca.pem").write_text(ca_pem)
    db = f"sqlite:///{tmp_path / 'c.sqlite3'}"
    assert _add(db, tmp_path, "12ab56") == 1
    assert "6 digits" in capsys.readouterr().err
    (tmp_path / "999992.pem").write_text("not a certificate")
    assert _add(db, tmp_path, "999992") == 1
    assert "not a PEM certificate" in capsys.readouterr().err
    missing = [
        "municipalities", "add", "999991", "--database", db, "--name", "x", "--prefecture", "y",
        "--url", "https://x.invalid", "--ca", str(tmp_path / "none.pem"),
    ]  # fmt: skip
    assert main(missing) == 1
    assert CenterStore(db).municipalities() == []


def test_cards_import_maps_issuer_and_serial_to_a_municipality(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = f"sqlite:///{tmp_path / 'c.sqlite3'}"
    good = tmp_path / "cards.csv"
    good.write_text(
        "issuer,serial,municipality\nCN=Demo JPKI CA,1048577,999991\nCN=Demo JPKI CA,7,999992\n"
    )
    assert main(["cards", "import", str(good), "--database", db]) == 0
    assert "2 cards imported" in capsys.readouterr().out
    store = CenterStore(db)
    assert asyncio.run(store.card_municipality("CN=Demo JPKI CA", 1048577)) == "999991"
    assert asyncio.run(store.card_municipality("CN=Other CA", 1048577)) is None
    bad = tmp_path / "bad.csv"
    bad.write_text("issuer,serial,municipality\nCN=Demo JPKI CA,seven,999991\n")
    assert main(["cards", "import", str(bad), "--database", db]) == 1
    assert "bad.csv:2" in capsys.readouterr().err
    assert asyncio.run(store.card_municipality("CN=Demo JPKI CA", 7)) == "999992"
    store.close()


def _request(store: CenterStore, key: str, status: str, when: dt.datetime, printed: bool) -> None:
    asyncio.run(_relayed(store, key, status, when, printed))


async def _relayed(
    store: CenterStore, key: str, status: str, when: dt.datetime, printed: bool
) -> None:
    """What the relay records of one request (worker threads here: no serving loop)."""
    await store.open_request("K1", key, "架空ストア", "999991", when)
    docs = [DocumentLine(f"d-{key}", "juminhyo", 2, 600), DocumentLine(f"e-{key}", "inkan", 1, 300)]
    await store.record_issued("K1", key, f"r-{key}", 900, docs)
    if status != "issued":
        done = {f"d-{key}": 2} if printed else {}
        closed = IssuanceStatus(status)
        await store.record_closed("K1", key, closed, 600 if printed else 0, done, when)


async def _cut_and_old(store: CenterStore, when: dt.datetime) -> None:
    """A 住民票 x2 with one copy printed, and an 印鑑登録証明書 left issued."""
    await store.open_request("K1", "cut", "架空ストア", "999991", when)
    cut = [DocumentLine("d-cut", "juminhyo", 2, 600)]
    await store.record_issued("K1", "cut", "r-cut", 600, cut)
    await store.record_closed("K1", "cut", IssuanceStatus.PRINTED, 300, {"d-cut": 1}, when)
    await store.open_request("K1", "old", "架空ストア", "999991", when)
    await store.record_issued("K1", "old", "r-old", 300, [DocumentLine("d-old", "inkan", 1, 300)])


def _settlement(store: CenterStore, tmp_path: Path, month: str) -> dict[str, list[str]]:
    (path,) = write_settlements(store, month, tmp_path / month)
    assert path.name == f"999991-{month}.csv"
    with path.open(encoding="utf-8") as f:
        return {row[0]: row[1:] for row in csv.reader(f)}


def test_settlement_counts_delivered_refunded_cancelled_and_open_by_type_in_japan_time(
    center_database_url: str, tmp_path: Path, ca_pem: str
) -> None:
    db = center_database_url
    store = CenterStore(db)
    (tmp_path / "ca.pem").write_text(ca_pem)
    assert _add(db, tmp_path, "999991") == 0
    start, _ = month_bounds("2026-11")
    _request(store, "a", "printed", start + dt.timedelta(days=3), printed=True)
    _request(store, "b", "cancelled", start + dt.timedelta(days=4), printed=False)
    _request(store, "c", "issued", start + dt.timedelta(days=5), printed=False)
    # 2026-11-30 23:30 in Tokyo is still November there (14:30 UTC)
    _request(store, "d", "printed", dt.datetime(2026, 11, 30, 23, 30, tzinfo=TOKYO), printed=True)
    _request(store, "e", "printed", dt.datetime(2026, 12, 1, 0, 30, tzinfo=TOKYO), printed=True)
    rows = _settlement(store, tmp_path, "2026-11")
    assert rows["certificate_type"][0] == "delivered_copies"
    #              delivered copies/yen, refunded copies/yen, cancelled, open
    assert rows["juminhyo"] == ["4", "1200", "0", "0", "2", "2"]
    assert rows["inkan"] == ["0", "0", "2", "600", "1", "1"]
    assert rows["total"] == ["4", "1200", "2", "600", "3", "3"]
    assert _settlement(store, tmp_path, "2026-12")["total"][:2] == ["2", "600"]
    store.close()
    assert main(["settlement", "--month", "2026-13", "--database", db]) == 1


def test_settlement_counts_the_copies_out_of_a_document_cut_short(
    tmp_path: Path, ca_pem: str
) -> None:
    """The fee is per copy: of a 住民票 x2 (600 yen) one copy came out (delivered 1, 300 yen;
    refunded 1, 300 yen). A record closed before copies were counted (no ``copies_printed``)
    is whole when printed."""
    db = f"sqlite:///{tmp_path / 'c.sqlite3'}"
    store = CenterStore(db)
    (tmp_path / "ca.pem").write_text(ca_pem)
    assert _add(db, tmp_path, "999991") == 0
    start, _ = month_bounds("2026-11")
    when = start + dt.timedelta(days=3)
    asyncio.run(_cut_and_old(store, when))
    store.db.query(
        "UPDATE requests SET status = 'printed', fee_charged_yen = 300, documents = ?"
        " WHERE idempotency_key = 'old'",
        ('[{"certificate_type": "inkan", "copies": 1, "document_id": "d-old",'
         ' "fee_yen": 300, "printed": true}]',),
    )  # fmt: skip
    rows = _settlement(store, tmp_path, "2026-11")
    #                        delivered copies/yen, refunded copies/yen, cancelled, open
    assert rows["juminhyo"] == ["1", "300", "1", "300", "0", "0"]
    assert rows["inkan"] == ["1", "300", "0", "0", "0", "0"]
    store.close()


def test_a_center_configuration_loads_with_every_table(tmp_path: Path) -> None:
    path = tmp_path / "center.toml"
    path.write_text(
        '[center]\ndata_dir = "/var/lib/shomei-center"\njpki_ca = "/etc/shomei-center/jpki.pem"\n'
        'database = "postgresql://center@db/center"\nport = 9443\nhealth_port = 9444\n'
        'workers = 2\nkiosks = ["STORE-0001"]\ndatabase_connections = 4\nupstream_connections = 8\n'
        '[center.tls]\ncertificate = "c.pem"\nkey = "c.key"\nclient_ca = "k.pem"\n'
        'client_crl = "k.crl"\n[center.upstream]\ncertificate = "u.pem"\nkey = "u.key"\n'
        "[center.connections]\nper_peer = 8\n",
        encoding="utf-8",
    )
    settings = load_settings(path)
    assert (settings.workers, settings.health_port, settings.connections.per_peer) == (2, 9444, 8)
    assert settings.tls is not None
    assert settings.tls.client_crl == Path("k.crl")
    assert settings.database_url == "postgresql://center@db/center"
    assert (settings.database_connections, settings.upstream_connections) == (4, 8)
    path.write_text('[center]\ndata_dir = "/x"\njpki_ca = "/y"\nworkers = 0\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="workers"):
        load_settings(path)
