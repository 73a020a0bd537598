"""The ``shomei-center`` command: the relay center and its operator's tools.

serve [--config PATH]                          relay store kiosks to municipalities (mutual TLS)
municipalities add CODE --name … --prefecture … --url … --ca PEM [--no-honseki …]
municipalities list | disable CODE | enable CODE
cards import FILE.csv                          the card directory: issuer,serial,municipality
settlement --month YYYY-MM --out DIR           one CSV per municipality
"""

from __future__ import annotations

import argparse
import csv
import logging
import sys
from pathlib import Path

from cryptography import x509

from issuance_center.database import DatabaseError
from issuance_center.settings import CenterSettings, load_settings
from issuance_center.store import CenterStore, Municipality
from issuance_contract.logging_setup import configure_logging
from issuance_contract.toml_schema import ConfigError

DEFAULT_CONFIG = Path("/etc/shomei-center/center.toml")
log = logging.getLogger("shomei-center")


def _settings(args: argparse.Namespace) -> CenterSettings:
    return load_settings(args.config or DEFAULT_CONFIG)


def _store(args: argparse.Namespace) -> CenterStore:
    if args.database:
        return CenterStore(args.database)
    return CenterStore(_settings(args).database_url)


def _cmd_serve(args: argparse.Namespace) -> int:
    from issuance_center.serving import serve_forever

    settings = _settings(args)
    if args.workers is not None:
        import msgspec

        settings = msgspec.structs.replace(settings, workers=args.workers)
    CenterStore(settings.database_url).close()  # tables made once, before the workers start
    log.info("relay center on %s:%d, %d worker(s)", settings.host, settings.port, settings.workers)
    try:
        serve_forever(settings, args.config or DEFAULT_CONFIG)
    except KeyboardInterrupt:
        log.info("stopped")
    return 0


def _municipality(args: argparse.Namespace) -> Municipality:
    """The entry ``municipalities add`` describes, checked: code, https URL, a CA certificate."""
    if not (args.code.isdigit() and len(args.code) == 6):
        raise ValueError(f"{args.code!r}: a municipality code has 6 digits")
    if not args.url.startswith("https://"):
        raise ValueError(f"{args.url!r}: the municipality's server is reached over https://")
    ca_pem = args.ca.read_text(encoding="ascii")
    try:
        x509.load_pem_x509_certificates(ca_pem.encode())
    except ValueError as exc:
        raise ValueError(f"{args.ca}: not a PEM certificate") from exc
    return Municipality(
        code=args.code,
        name=args.name,
        prefecture=args.prefecture,
        url=args.url,
        ca_pem=ca_pem,
        residence=not args.no_residence,
        honseki=not args.no_honseki,
        registration=not args.no_registration,
    )


def _cmd_municipalities(args: argparse.Namespace) -> int:
    store = _store(args)
    try:
        if args.action == "add":
            store.add_municipality(_municipality(args))
            sys.stdout.write(f"{args.code} added\n")
            return 0
        if args.action in ("disable", "enable"):
            if not store.set_enabled(args.code, args.action == "enable"):
                sys.stderr.write(f"shomei-center: no municipality {args.code}\n")
                return 1
            sys.stdout.write(f"{args.code} {args.action}d\n")
            return 0
        for m in store.municipalities():
            offers = ",".join(
                name
                for name, on in (
                    ("residence", m.residence),
                    ("honseki", m.honseki),
                    ("registration", m.registration),
                )
                if on
            )
            state = "enabled" if m.enabled else "DISABLED"
            sys.stdout.write(
                f"{m.code}  {m.prefecture} {m.name}  {m.url}  {offers or '-'}  {state}\n"
            )
        return 0
    finally:
        store.close()


def read_card_directory(path: Path) -> list[tuple[str, int, str]]:
    """Rows of a card directory CSV (header ``issuer,serial,municipality``)."""
    rows = []
    with path.open(encoding="utf-8", newline="") as source:
        for n, row in enumerate(csv.DictReader(source), start=2):
            try:
                issuer, serial, code = row["issuer"], int(row["serial"]), row["municipality"]
            except (KeyError, TypeError, ValueError) as exc:
                raise ValueError(f"{path}:{n}: expected issuer,serial,municipality") from exc
            if not (code.isdigit() and len(code) == 6) or not issuer:
                raise ValueError(f"{path}:{n}: expected an issuer and a 6-digit code")
            rows.append((issuer, serial, code))
    return rows


def _cmd_cards(args: argparse.Namespace) -> int:
    rows = read_card_directory(args.file)
    store = _store(args)
    try:
        sys.stdout.write(f"{store.import_cards(rows)} cards imported\n")
    finally:
        store.close()
    return 0


def _cmd_settlement(args: argparse.Namespace) -> int:
    from issuance_center.settlement import month_bounds, settle, write_settlements

    month_bounds(args.month)  # a ValueError for a bad month
    store = _store(args)
    try:
        for path in write_settlements(store, args.month, args.out):
            sys.stdout.write(f"{path}\n")
        for code, s in sorted(settle(store, args.month).items()):
            if s.charged_yen != s.total().delivered_yen:
                log.warning(
                    "%s: kiosks reported %d yen charged, delivered copies are %d yen",
                    code,
                    s.charged_yen,
                    s.total().delivered_yen,
                )
    finally:
        store.close()
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="shomei-center",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    common = argparse.ArgumentParser(add_help=False)
    where = common.add_mutually_exclusive_group()
    where.add_argument("--config", type=Path, help=f"center TOML (default {DEFAULT_CONFIG})")
    where.add_argument(
        "--database", help="the center's database URL (sqlite:///… or postgresql://…)"
    )
    parser.add_argument("--log-json", action="store_true", help="log JSON lines (for journald)")
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", parents=[common], help="run the relay")
    serve.add_argument("--workers", type=int, help="processes on one socket (PostgreSQL)")
    serve.set_defaults(func=_cmd_serve)
    munis = sub.add_parser("municipalities", help="the municipality directory")
    actions = munis.add_subparsers(dest="action", required=True)
    add = actions.add_parser("add", parents=[common])
    add.add_argument("code", help="6-digit municipality code")
    add.add_argument("--name", required=True)
    add.add_argument("--prefecture", required=True)
    add.add_argument("--url", required=True, help="https://… of its shomei-server")
    add.add_argument("--ca", type=Path, required=True, help="its server CA (PEM), pinned")
    add.add_argument("--no-residence", action="store_true", help="no 住所地 certificates")
    add.add_argument("--no-honseki", action="store_true", help="no 本籍地 certificates")
    add.add_argument("--no-registration", action="store_true", help="no 本籍地 利用登録")
    actions.add_parser("list", parents=[common])
    for name in ("disable", "enable"):
        action = actions.add_parser(name, parents=[common])
        action.add_argument("code")
    munis.set_defaults(func=_cmd_municipalities)
    cards = sub.add_parser("cards", help="the card directory")
    card_actions = cards.add_subparsers(dest="action", required=True)
    imported = card_actions.add_parser("import", parents=[common])
    imported.add_argument("file", type=Path, help="CSV: issuer,serial,municipality")
    cards.set_defaults(func=_cmd_cards)
    settlement = sub.add_parser("settlement", parents=[common], help="monthly CSVs")
    settlement.add_argument("--month", required=True, help="YYYY-MM (Japan time)")
    settlement.add_argument("--out", type=Path, default=Path("."))
    settlement.set_defaults(func=_cmd_settlement)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``shomei-center``."""
    args = _parser().parse_args(argv)
    configure_logging("INFO", json_lines=args.log_json)
    try:
        return int(args.func(args))
    except ConfigError as exc:
        sys.stderr.write(f"shomei-center: {exc}\n")
        return 2
    except (DatabaseError, OSError, ValueError) as exc:
        sys.stderr.write(f"shomei-center: {exc}\n")
        return 1


if __name__ == "__main__":
    sys.exit(main())
