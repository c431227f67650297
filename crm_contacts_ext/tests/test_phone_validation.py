from odoo.tests import TransactionCase, tagged

from odoo.addons.phone_validation.tools import phone_validation


@tagged("post_install", "-at_install")
class TestPhoneValidation(TransactionCase):
    """Odoo's phone_validation silently does nothing without `phonenumbers`."""

    def test_phonenumbers_library_normalises(self):
        poland = self.env.ref("base.pl")
        for raw in ("601 234 567", "601-234-567", "+48 601 234 567", "0048601234567"):
            self.assertEqual(
                phone_validation.phone_format(raw, "PL", "48", force_format="E164"),
                "+48601234567",
                raw,
            )
        partner = self.env["res.partner"].create(
            {"name": "Tel", "country_id": poland.id, "phone": "601 234 567"}
        )
        self.assertEqual(partner.phone_sanitized, "+48601234567")
