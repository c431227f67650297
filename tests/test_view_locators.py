"""A view extension that locates a field by its name changes the first field
of that name in the view. Where the view has the field twice (a smart
button's value and a tab's field), the extension lands in the wrong place:
the collection figures were once inside the Overdue smart button of the
contact card. Such a locator must say which one (an xpath)."""

from pathlib import Path

from lxml import etree

from odoo.tests import TransactionCase, tagged

ROOT = Path(__file__).resolve().parent.parent
ADDONS = sorted(p.parent.name for p in ROOT.glob("*/__manifest__.py"))


@tagged("post_install", "-at_install")
class TestViewLocators(TransactionCase):
    def test_field_locators_are_unambiguous(self):
        data = self.env["ir.model.data"].search(
            [("model", "=", "ir.ui.view"), ("module", "in", ADDONS)]
        )
        views = self.env["ir.ui.view"].browse(data.mapped("res_id")).exists()
        ambiguous = []
        for view in views.filtered(lambda v: v.inherit_id and v.type != "qweb"):
            arch = etree.fromstring(view.arch_db)
            specs = list(arch) if arch.tag == "data" else [arch]
            parent = view.inherit_id._get_combined_arch()
            for spec in specs:
                if spec.tag != "field" or not spec.get("position"):
                    continue
                name = spec.get("name")
                count = len(parent.xpath(f"//field[@name='{name}']"))
                if count > 1:
                    ambiguous.append(f"{view.xml_id}: <field name='{name}'> ({count}×)")
        self.assertFalse(ambiguous, "\n".join(ambiguous))
