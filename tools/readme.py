#!/usr/bin/env python3
"""Rebuild README.md's "Using it" part and every addon's README.rst from the
addons' readme/ folders.

    python3 tools/readme.py

The text between ``<!-- addons:start -->`` and ``<!-- addons:end -->`` is
replaced by, for each addon below, its ``readme/DESCRIPTION.md``, ``USAGE.md``
(under "How to use it") and ``PBX.md``, with their headings moved three levels
down so that they sit under the addon's heading.
"""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TITLES = [
    ("crm_contacts_ext", "Contacts, people, history, call center"),
    ("crm_offers_multicurrency", "Offers in variants and currencies"),
    ("crm_service_warranty", "Service and warranty"),
    ("crm_analytics", "Receivables and analytics"),
    ("crm_analytics_collection", "Debt collection: interest, demands, stages"),
    ("crm_document_deadlines", "Documents, correspondence, deadlines"),
    ("crm_contacts_registers", "Public registers: GUS, KRS, VAT white list, VIES"),
    (
        "crm_contacts_registers_bank_verification",
        "Glue: white-list checks as Odoo's bank account verifications",
    ),
    ("crm_contacts_documents", "Glue: documents in the contact History"),
    (
        "crm_contacts_service",
        "Glue: tickets in the contact History, tickets from calls",
    ),
    ("crm_analytics_mass_mailing", "Glue: customer segments to mailing lists"),
    ("crm_analytics_crm", "Glue: leads in campaign effectiveness"),
    ("crm_analytics_contacts", "Glue: receivables and figures of holding groups"),
    ("crm_contacts_consent", "Consent register: proof per person, channel, purpose"),
    (
        "crm_contacts_consent_mass_mailing",
        "Glue: consents enforced in Email Marketing",
    ),
    ("crm_contacts_consent_segment", "Glue: consent warning for segments to lists"),
    ("crm_contacts_visits", "Customer visits, trips, the week of the team"),
    ("crm_contacts_visits_service", "Glue: service visits from tickets"),
    ("crm_contacts_visits_documents", "Glue: document deadlines in the team's week"),
    ("crm_job", "Background jobs with progress"),
    ("crm_helpdesk_mgmt_pl", "OCA Helpdesk in Polish"),
    ("crm_demo_pl", "Demo: the Polish demo company"),
    ("crm_demo_pl_account", "Demo: the Polish chart of accounts of the demo company"),
]
FILES = (("DESCRIPTION.md", None), ("USAGE.md", "How to use it"), ("PBX.md", None))
# README.rst sections in OCA's order (maintainer-tools' module template)
RST_SECTIONS = (
    ("DESCRIPTION.md", None),
    ("USAGE.md", "Usage"),
    ("PBX.md", "Phone system (PBX)"),
)
RST_UNDERLINES = '=~-^"'
STATUS_BADGES = {
    "Alpha": "alpha",
    "Beta": "beta",
    "Production/Stable": "stable",
    "Mature": "mature",
}


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


def inline_rst(text):
    """Inline Markdown (code, links) as reStructuredText."""
    text = re.sub(r"(?<!`)`([^`]+)`(?!`)", r"``\1``", text)
    return re.sub(r"\[([^\]]+)\]\(([^)]+)\)", r"`\1 <\2>`_", text)


def md_to_rst(text, level):
    """The Markdown of our readme fragments as reStructuredText: headings,
    inline code, links and bold; headings start at `level`."""
    out = []
    fence = None
    depths = [len(m) for m in re.findall(r"^(#+)\s", text, flags=re.MULTILINE)]
    # a fragment's top heading sits at `level`, whatever its number of #
    level -= min(depths, default=1) - 1
    for line in text.strip().splitlines():
        if line.startswith("```"):
            fence = None if fence is not None else line[3:].strip()
            if fence is not None:
                directive = f".. code-block:: {fence}" if fence else "::"
                out += ["", directive, ""]
            else:
                out.append("")
            continue
        if fence is not None:
            out.append(f"   {line}" if line else "")
            continue
        if line.startswith("|"):
            cells = [inline_rst(c.strip()) for c in line.strip().strip("|").split("|")]
            if all(re.fullmatch(r":?-+:?", c) for c in cells):
                continue  # the header's underline
            if not out or not out[-1].startswith(("   *", "     -")):
                out += ["", ".. list-table::", "   :header-rows: 1", ""]
            out.append(f"   * - {cells[0]}")
            out += [f"     - {c}" for c in cells[1:]]
            continue
        if out and out[-1].startswith(("   *", "     -")):
            out.append("")
        heading = re.match(r"^(#+)\s+(.*)$", line)
        line = inline_rst(line)
        item = re.match(r"^(\s*)([-*]|\d+\.)\s", line)
        if item and out and out[-1].strip():
            previous = re.match(r"^(\s*)([-*]|\d+\.)\s", out[-1])
            # reST needs a blank line before a list and around a nested list
            nested_end = out[-1].startswith(" ") and not item.group(1)
            if (
                not previous or len(previous.group(1)) != len(item.group(1))
            ) and not nested_end:
                out.append("")
        if heading:
            title = heading.group(2)
            mark = RST_UNDERLINES[min(level + len(heading.group(1)) - 1, 4)]
            out += ["", title, mark * len(title), ""]
        else:
            out.append(line)
    return "\n".join(out).strip() + "\n"


def rst_section(title, level):
    return f"{title}\n{RST_UNDERLINES[level] * len(title)}\n\n"


def addon_rst(addon, title):
    """README.rst of an addon in OCA's layout, from its manifest and readme/."""
    root = ROOT / addon
    manifest = ast.literal_eval((root / "__manifest__.py").read_text())
    status = manifest.get("development_status", "Beta")
    heading = manifest["name"]
    parts = [
        "=" * len(heading) + "\n" + heading + "\n" + "=" * len(heading) + "\n\n",
        (
            "..\n   !! This file is generated by tools/readme.py from readme/*.md.\n"
            "   !! Edit those, then run: python3 tools/readme.py\n\n"
        ),
        (
            f".. |maturity| image:: https://img.shields.io/badge/maturity-"
            f"{STATUS_BADGES.get(status, 'beta')}-yellow.png\n"
            f"    :alt: {status}\n"
            f".. |license| image:: https://img.shields.io/badge/licence-"
            f"{manifest['license']}-blue.png\n"
            f"    :alt: License: {manifest['license']}\n\n|maturity| |license|\n\n"
        ),
        md_to_rst((root / "readme" / "DESCRIPTION.md").read_text(), 0) + "\n",
        "**Table of contents**\n\n.. contents::\n   :local:\n\n",
    ]
    for name, section in RST_SECTIONS[1:]:
        path = root / "readme" / name
        if path.exists():
            parts.append(rst_section(section, 0) + md_to_rst(path.read_text(), 1))
            parts.append("\n")
    parts.append(
        rst_section("Bug Tracker", 0)
        + f"Bugs are tracked on `the project's issues <{manifest['website']}/issues>`_."
        "\n\n"
    )
    parts.append(rst_section("Credits", 0))
    parts.append(rst_section("Authors", 1) + f"* {manifest['author']}\n\n")
    contributors = root / "readme" / "CONTRIBUTORS.md"
    if contributors.exists():
        parts.append(
            rst_section("Contributors", 1) + md_to_rst(contributors.read_text(), 2)
        )
        parts.append("\n")
    maintainers = manifest.get("maintainers") or []
    if maintainers:
        parts.append(
            rst_section("Maintainers", 1)
            + "This module is maintained by "
            + ", ".join(f"`{m} <https://github.com/{m}>`_" for m in maintainers)
            + f", as part of `{title} <{manifest['website']}>`_.\n"
        )
    return "".join(parts)


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
    for addon, title in TITLES:
        (ROOT / addon / "README.rst").write_text(addon_rst(addon, title))


if __name__ == "__main__":
    main()
