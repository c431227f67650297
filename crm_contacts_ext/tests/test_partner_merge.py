from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from .common import CrmContactsCase

PESEL = "82082373953"  # 23.08.1982, male
OTHER_PESEL = "44051401359"  # 14.05.1944, male


@tagged("post_install", "-at_install")
class TestPartnerMerge(CrmContactsCase):
    """Merging contacts keeps the PESEL that the merging user cannot read."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # merges contacts (Contact Creation) but is outside the personal-data group
        cls.merger = new_test_user(
            cls.env,
            "card_merger",
            groups="base.group_user,base.group_partner_manager",
            lang="en_US",
        )

    def _merge(self, partners, dst_partner):
        wizard = (
            self.env["base.partner.merge.automatic.wizard"]
            .with_user(self.merger)
            .create({})
        )
        wizard._merge(partners.ids, dst_partner.with_user(self.merger))

    def test_merge_carries_the_pesel_to_the_kept_contact(self):
        duplicate = self.Partner.create({"name": "Jan Kowalski (dup)"})
        duplicate.sudo().pesel = PESEL
        kept = self.Partner.create(
            {"name": "Jan Kowalski", "email": False, "parent_id": False}
        )
        self._merge(duplicate | kept, kept)
        self.assertFalse(duplicate.exists())
        self.assertEqual(kept.sudo().pesel, PESEL)
        # and the number still gives the birth date it gave before
        self.assertEqual(str(kept.birthdate_date), "1982-08-23")

    def test_merge_keeps_the_target_pesel(self):
        kept = self.Partner.create({"name": "Anna Nowak"})
        kept.sudo().pesel = PESEL
        duplicate = self.Partner.create({"name": "Anna Nowak (dup)"})
        self._merge(duplicate | kept, kept)
        self.assertEqual(kept.sudo().pesel, PESEL)

    def test_two_pesels_are_two_people(self):
        first = self.Partner.create({"name": "Piotr Wiśniewski"})
        first.sudo().pesel = PESEL
        second = self.Partner.create({"name": "Piotr Wiśniewski (2)"})
        second.sudo().pesel = OTHER_PESEL
        with self.assertRaisesRegex(UserError, "different PESEL numbers"):
            self._merge(first | second, first)
        # nothing moved: both people and both numbers are still there
        self.assertTrue(second.exists())
        self.assertEqual(second.sudo().pesel, OTHER_PESEL)
        self.assertEqual(first.sudo().pesel, PESEL)
