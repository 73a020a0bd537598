"""Fill the Qt ``.ts`` files from ``resources/i18n/catalog.toml`` (source text → translations).

Workflow: `make translations-update` (pyside6-lupdate collects the source texts into the .ts
files), add the texts to the catalog, run this script, then `make translations` compiles .qm.
"""

from __future__ import annotations

import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

I18N = Path(__file__).resolve().parent.parent / "resources" / "i18n"


def apply(catalog: dict[str, dict[str, str]], ts_file: Path, language: str) -> list[str]:
    """Write the catalog's ``language`` texts into ``ts_file``; return the texts still missing."""
    tree = ET.parse(ts_file)  # noqa: S314 - the project's own .ts files
    missing: list[str] = []
    for message in tree.getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None:
            translation = ET.SubElement(message, "translation")
        text = catalog.get(source, {}).get(language)
        if text is None and language == "en":
            text = source
        if text is None:
            missing.append(source)
            translation.set("type", "unfinished")
            continue
        translation.text = text
        translation.attrib.pop("type", None)
    tree.write(ts_file, encoding="utf-8", xml_declaration=True)
    return missing


def main() -> int:
    """Apply the catalog to every .ts file; exit 1 if any text lacks a translation."""
    catalog = tomllib.loads((I18N / "catalog.toml").read_text(encoding="utf-8"))
    status = 0
    for ts_file in sorted(I18N.glob("kiosk_*.ts")):
        language = ts_file.stem.removeprefix("kiosk_")
        missing = apply(catalog, ts_file, language)
        for source in missing:
            print(f"{ts_file.name}: no translation for {source!r}", file=sys.stderr)
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
