"""shomei-server: sample, verify and the registrations staff tool."""

from __future__ import annotations

import asyncio
import io
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from pypdf import PdfReader

from issuance_contract.certificates import CertificateType
from issuance_contract.messages import (
    AuthSession,
    OrderItem,
    OutcomeReport,
    RegistrationForm,
    RegistrationState,
)
from issuance_server.cli import main
from issuance_server.demo_data import DemoCard
from issuance_server.embedded_link import EmbeddedCenterLink
from issuance_server.registry import Registry
from issuance_server.service import IssuanceService
from issuance_server.settings import ServerSettings
from tests.support.server import (
    NOW,
    free_port,
    full_resident,
    non_resident,
    registration_form,
    serve_config,
)
from tests.support.serving import serving


def _config_for(settings: ServerSettings, extra: str = "") -> Path:
    """A server TOML that points the CLI at the test's database and data directory."""
    path = Path(settings.database_url.removeprefix("sqlite:///")).with_suffix(".toml")
    path.write_text(
        f'[server]\ndata_dir = "{settings.data_dir}"\ndatabase = "{settings.database_url}"\n'
        f"demo_data = true\n{extra}"
        '[municipality]\ncode = "999991"\nname = "架空市"\nmayor = "見本　太郎"\n'
        + "".join(
            f"[certificates.{t}]\nfee_yen = 300\n"
            for t in ("juminhyo", "inkan", "koseki_zenbu", "koseki_kojin", "fuhyo")
        ),
        encoding="utf-8",
    )
    return path


def test_sample_writes_every_type_and_variant_with_valid_codes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "samples"
    assert main(["sample", "--data-dir", str(tmp_path / "data"), "--out", str(out)]) == 0
    names = sorted(p.name for p in out.glob("*.pdf"))
    for kind in (
        "juminhyo",
        "inkan",
        "koseki_zenbu",
        "koseki_kojin",
        "fuhyo_zenbu",
        "fuhyo_ichibu",
    ):
        assert any(kind in name for name in names), kind
    assert len(names) >= 10
    for path in out.glob("*.pdf"):
        reader = PdfReader(io.BytesIO(path.read_bytes()))
        assert reader.pages[-1].extract_text().count("長") >= 1
    codes = [
        line.split(": ", 1)[1]
        for line in (out / "page_codes.txt").read_text(encoding="utf-8").splitlines()
        if not line.startswith("#")
    ]
    capsys.readouterr()
    key = str(out / "verification-public.pem")
    assert main(["verify", codes[0], "--public-key", key]) == 0
    assert "VALID" in capsys.readouterr().out
    tampered = codes[0][:-4] + ("AAAA" if not codes[0].endswith("AAAA") else "BBBB")
    assert main(["verify", tampered, "--public-key", key]) == 1
    assert "INVALID" in capsys.readouterr().out


def test_verify_uses_the_citys_key_from_the_data_dir(tmp_path: Path) -> None:
    out = tmp_path / "samples"
    data = tmp_path / "data"
    assert main(["sample", "--data-dir", str(data), "--out", str(out)]) == 0
    line = (out / "page_codes.txt").read_text(encoding="utf-8").splitlines()[1]
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "issuance_server.cli",
            "verify",
            line.split(": ", 1)[1],
            "--data-dir",
            str(data),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "VALID: genuine" in result.stdout


def test_staff_review_registrations(
    registry: Registry,
    settings: ServerSettings,
    link: EmbeddedCenterLink,
    login: Callable[[str], AuthSession],
    cards: dict[str, DemoCard],
    capsys: pytest.CaptureFixture[str],
) -> None:
    numbers = []
    for skip in (0, 1):
        person = non_resident(registry, skip)
        form = registration_form(person, cards[person.id], registry)
        numbers.append(link.submit_registration(login(person.id).token, form))
    # The CLI reads the test database through a server config file.
    base = ["--config", str(_config_for(settings))]
    capsys.readouterr()
    assert main(["registrations", "list", *base]) == 0
    listing = capsys.readouterr().out
    assert all(n in listing for n in numbers)
    assert "koseki match: yes" in listing
    assert main(["registrations", "approve", numbers[0], *base]) == 0
    assert main(["registrations", "reject", numbers[1], "--reason", "本籍 不一致", *base]) == 0
    assert main(["registrations", "approve", numbers[1], *base]) == 1
    assert link.registration_status(numbers[0]).state is RegistrationState.APPROVED
    rejected = link.registration_status(numbers[1])
    assert rejected.state is RegistrationState.REJECTED
    assert "不一致" not in rejected.model_dump_json()
    capsys.readouterr()
    assert main(["registrations", "list", "--state", "all", *base]) == 0
    assert re.search(r"rejected .* reason: 本籍 不一致", capsys.readouterr().out)


def test_registrations_list_escapes_control_and_bidi_characters(
    registry: Registry,
    settings: ServerSettings,
    service: IssuanceService,
    cards: dict[str, DemoCard],
    capsys: pytest.CaptureFixture[str],
) -> None:
    person = non_resident(registry)
    card = cards[person.id]
    typed = registration_form(person, card, registry)
    # Stored before the form refused such text (or written to the database by other means).
    hostile = RegistrationForm.model_construct(
        **{**typed.model_dump(), "hittosha": "\x1b[2J\x1b[H架空\u202e太郎", "honseki": "架空\x07市"}
    )
    service.store.add_registration(person.id, card.serial, person.koseki_id, hostile, NOW)
    capsys.readouterr()
    assert main(["registrations", "list", "--config", str(_config_for(settings))]) == 0
    out = capsys.readouterr().out
    assert "\\u{001B}[2J\\u{001B}[H架空\\u{202E}太郎" in out
    assert "架空\\u{0007}市" in out
    assert not any(ch in out for ch in "\x1b\x07\u202e")


def test_a_bad_config_is_exit_status_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[server]\nport = 'x'\n", encoding="utf-8")
    assert main(["registrations", "list", "--config", str(bad)]) == 2
    assert "bad.toml" in capsys.readouterr().err


def test_serve_runs_the_api_over_mutual_tls_until_interrupted(tmp_path: Path) -> None:
    with serving(tmp_path, [sys.executable, "-m", "issuance_server.cli"]) as served:
        assert len(served.challenge.nonce) == 32
        health = httpx.get(f"http://127.0.0.1:{served.health_port}/healthz", timeout=5)
        assert (health.status_code, health.json()) == (200, {"status": "ok"})


@pytest.mark.parametrize(
    ("server_lines", "key"),
    [
        ('kiosks = ["SERVE-KIOSK"]\n', "server.jpki_ca"),
        ('jpki_ca = "/nonexistent/jpki-ca.pem"\n', "server.kiosks"),
        (
            'jpki_ca = "/nonexistent/jpki-ca.pem"\nkiosks = ["SERVE-KIOSK"]\n',
            "server.tls.client_crl",
        ),
    ],
)
def test_a_server_that_is_not_the_demo_needs_its_trust_configured(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], server_lines: str, key: str
) -> None:
    config, _ = serve_config(tmp_path, f"port = {free_port()}\n{server_lines}")
    assert main(["serve", "--config", str(config)]) == 2
    assert f"key '{key}'" in capsys.readouterr().err
    assert not (tmp_path / "data").exists()  # no demo CA, no key, no database made


def test_serve_without_tls_settings_is_a_config_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", "--data-dir", str(tmp_path)]) == 2
    assert "tls" in capsys.readouterr().err


def test_the_issuance_log_lists_what_was_issued_without_names(
    registry: Registry,
    settings: ServerSettings,
    link: EmbeddedCenterLink,
    login: Callable[[str], AuthSession],
    capsys: pytest.CaptureFixture[str],
) -> None:
    person = full_resident(registry)
    session = login(person.id)
    items = [OrderItem(certificate_type=CertificateType.JUMINHYO, copies=2)]
    issued = link.issue(session.token, items, "log-entry-1")
    link.report_outcome(session.token, issued.request_id, OutcomeReport.all_printed(issued))
    capsys.readouterr()
    assert main(["log", "--days", "30", "--config", str(_config_for(settings))]) == 0
    out = capsys.readouterr().out
    assert issued.request_id in out
    assert f"applicant {person.id}" in out
    assert "printed" in out
    assert "charged 400" in out
    assert re.search(r"juminhyox2\(\d+p\)", out)
    assert person.family_name not in out
    # a document cut short: the log says how many of its copies came out
    second = link.issue(session.token, items, "log-entry-2")
    copies = {second.documents[0].document_id: 1}
    link.report_outcome(
        session.token, second.request_id, OutcomeReport(fee_charged_yen=200, printed_copies=copies)
    )
    assert main(["log", "--days", "30", "--config", str(_config_for(settings))]) == 0
    line = next(ln for ln in capsys.readouterr().out.splitlines() if second.request_id in ln)
    assert "printed" in line
    assert "charged 200" in line
    assert re.search(r"juminhyox2\(\d+p printed 1 of 2\)", line)


def test_the_card_directory_of_the_residents_is_what_the_center_imports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``shomei-server cards`` then ``shomei-center cards import``: a resident's card routes to
    the city, a card of someone who lives elsewhere does not."""
    from issuance_center.cli import main as center
    from issuance_center.store import CenterStore
    from issuance_server.demo_data import demo_ca, generate

    directory = tmp_path / "cards.csv"
    assert main(["cards", "--data-dir", str(tmp_path / "city"), "--out", str(directory)]) == 0
    registry = generate()
    residents = {p.id for p in registry.persons if p.residence is not None}
    written = len(residents & {c.person_id for c in registry.cards})
    assert capsys.readouterr().out == f"{written} cards of 999991 written to {directory}\n"
    database = f"sqlite:///{tmp_path / 'center.sqlite3'}"
    assert center(["cards", "import", str(directory), "--database", database]) == 0
    issuer = demo_ca(tmp_path / "city").certificate.subject.rfc4514_string()
    lives_here = next(c for c in registry.cards if c.person_id in residents)
    elsewhere = next(c for c in registry.cards if c.person_id not in residents)
    store = CenterStore(database)
    try:
        assert asyncio.run(store.card_municipality(issuer, lives_here.serial)) == "999991"
        assert asyncio.run(store.card_municipality(issuer, elsewhere.serial)) is None
    finally:
        store.close()
