#!/usr/bin/env python3
"""Rebuild README.md's "Using it" part from each addon's readme/ folder.

    python3 tools/readme.py

The text between ``<!-- addons:start -->`` and ``<!-- addons:end -->`` is
replaced by, for each addon below, its ``readme/DESCRIPTION.md``, ``USAGE.md``
(under "How to use it") and ``PBX.md``, with their headings moved three levels
down so that they sit under the addon's heading.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TITLES = [
    ("crm_contacts_ext", "Contacts, people, history, call center"),
    ("crm_offers_multicurrency", "Offers in variants and currencies"),
    ("crm_service_warranty", "Service and warranty"),
    ("crm_analytics", "Receivables and analytics"),
    ("crm_document_deadlines", "Documents, correspondence, deadlines"),
    ("crm_contacts_documents", "Glue: documents in the contact History"),
    (
        "crm_contacts_service",
        "Glue: tickets in the contact History, tickets from calls",
    ),
    ("crm_analytics_mass_mailing", "Glue: customer segments to mailing lists"),
    ("crm_demo_pl", "Demo: the Polish demo company"),
    ("crm_demo_pl_account", "Demo: the Polish chart of accounts of the demo company"),
]
FILES = (("DESCRIPTION.md", None), ("USAGE.md", "How to use it"), ("PBX.md", None))


def addon_section(addon, title):
    parts = [f"### {title} (`{addon}`)\n"]
    for name, heading in FILES:
        path = ROOT / addon / "readme" / name
        if not path.exists():
            continue
        if heading:
            parts.append(f"#### {heading}\n")
        lines = path.read_text().strip().splitlines()
        parts.append(
            "\n".join(f"###{line}" if line.startswith("#") else line for line in lines)
            + "\n"
        )
    return parts


def main():
    missing = {p.parent.name for p in ROOT.glob("*/__manifest__.py")} - {
        addon for addon, _title in TITLES
    }
    if missing:
        raise SystemExit(f"Add a title for {', '.join(sorted(missing))} in TITLES")
    parts = [part for addon, title in TITLES for part in addon_section(addon, title)]
    readme = ROOT / "README.md"
    text = readme.read_text()
    start = text.index("<!-- addons:start -->") + len("<!-- addons:start -->")
    end = text.index("<!-- addons:end -->")
    readme.write_text(text[:start] + "\n" + "\n".join(parts) + "\n" + text[end:])


if __name__ == "__main__":
    main()
