"""The private Odoo methods the suite overrides are listed in UPGRADE.md with
the signature we rely on: an override missing from the list, or an Odoo whose
method changed its parameters, fails here (what to re-check on 20.0)."""

import inspect
import re
from pathlib import Path

from odoo.tests import TransactionCase, tagged
from odoo.tools import translate

ROOT = Path(__file__).resolve().parent.parent
ADDONS = {p.parent.name for p in ROOT.glob("*/__manifest__.py")}
# our own hooks by naming convention: not overrides of Odoo's internals
OWN_PREFIXES = (
    "_compute_",
    "_onchange_",
    "_check_",
    "_crm",
    "_inverse_",
    "_search_",
    "_default_",
    "_selection_",
    "_cron_",
)
ROW = re.compile(r"^\| `([\w.]+)` \| `(\w+)` \| `([\w.]+)` \| `(.+?)` \|", re.MULTILINE)


def private_overrides(env):
    """{(model, method): (upstream class path, signature)} of every private
    method an addon of the suite defines over an Odoo or OCA one; the
    upstream is the first definition (the contract), whatever else is
    installed."""
    found = {}
    for name in env.registry:
        mro = type(env[name]).__mro__
        for index, cls in enumerate(mro):
            if getattr(cls, "_module", None) not in ADDONS:
                continue
            for attr, value in vars(cls).items():
                if (
                    not attr.startswith("_")
                    or attr.startswith(("__", *OWN_PREFIXES))
                    or not callable(value)
                ):
                    continue
                upstream = [
                    c
                    for c in mro[index + 1 :]
                    if attr in vars(c) and getattr(c, "_module", None) not in ADDONS
                ]
                if upstream:
                    base = upstream[-1]
                    found[(name, attr)] = (
                        f"{base.__module__}.{base.__name__}",
                        str(inspect.signature(vars(base)[attr])),
                    )
    return found


@tagged("post_install", "-at_install")
class TestUpgradeList(TransactionCase):
    def test_private_overrides_are_listed_with_their_signature(self):
        listed = {
            # a "|" of a signature is written "\|" in the Markdown table
            (model, method): (upstream, signature.replace("\\|", "|"))
            for model, method, upstream, signature in ROW.findall(
                (ROOT / "UPGRADE.md").read_text()
            )
        }
        found = private_overrides(self.env)
        self.assertEqual(
            sorted(set(found) - set(listed)), [], "overrides missing from UPGRADE.md"
        )
        self.assertEqual(
            sorted(set(listed) - set(found)), [], "UPGRADE.md lists gone overrides"
        )
        changed = {key: found[key] for key in found if found[key] != listed[key]}
        self.assertEqual(changed, {}, "Odoo's method changed: re-check our override")

    def test_private_imports_still_exist(self):
        from odoo.orm.domains import DomainAnd, DomainCondition
        from odoo.orm.models import parse_read_group_spec

        self.assertTrue(DomainAnd and DomainCondition)
        self.assertEqual(
            str(inspect.signature(parse_read_group_spec)), "(spec: 'str') -> 'tuple'"
        )
        # crm_helpdesk_mgmt_pl wraps the code-translation loader
        self.assertEqual(
            str(inspect.signature(translate.CodeTranslations._get_code_translations)),
            "(module_name, lang, filter_func)",
        )
