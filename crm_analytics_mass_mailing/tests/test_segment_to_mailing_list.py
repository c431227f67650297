from odoo.exceptions import UserError
from odoo.tests import TransactionCase, new_test_user


class TestSegmentToMailingList(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.marketer = new_test_user(
            cls.env,
            "crm_mm_marketer",
            groups="sales_team.group_sale_salesman,base.group_partner_manager,"
            "mass_mailing.group_mass_mailing_user",
        )
        cls.salesman = new_test_user(
            cls.env,
            "crm_mm_salesman",
            # internal users can edit contacts by default (Contact Creation)
            groups="sales_team.group_sale_salesman,base.group_partner_manager",
        )
        Partner = cls.env["res.partner"]
        cls.anna = Partner.create({"name": "Anna Nowak", "email": "Anna@Example.com"})
        # the same address typed differently: one mailing contact
        cls.anna_office = Partner.create(
            {"name": "Anna Nowak (office)", "email": "anna@example.com"}
        )
        cls.bob = Partner.create({"name": "Bob Brown", "email": "bob@example.com"})
        cls.carl = Partner.create({"name": "Carl Opted", "email": "carl@example.com"})
        cls.dora = Partner.create({"name": "Dora Known", "email": "dora@example.com"})
        cls.no_mail = Partner.create({"name": "No Mail"})
        cls.mailing_list = cls.env["mailing.list"].create({"name": "Win back"})
        cls.other_list = cls.env["mailing.list"].create({"name": "Newsletter"})
        Contact = cls.env["mailing.contact"]
        # Carl opted out of the list: he must stay out
        cls.carl_contact = Contact.create(
            {"name": "Carl", "email": "carl@example.com", "list_ids": []}
        )
        cls.env["mailing.subscription"].create(
            {
                "contact_id": cls.carl_contact.id,
                "list_id": cls.mailing_list.id,
                "opt_out": True,
            }
        )
        # Dora is a contact of another list: reused, not duplicated
        cls.dora_contact = Contact.create(
            {
                "name": "Dora",
                "email": "dora@example.com",
                "list_ids": [(4, cls.other_list.id)],
            }
        )
        cls.customers = (
            cls.anna + cls.anna_office + cls.bob + cls.carl + cls.dora + cls.no_mail
        )

    def _apply(self, user, partners, mailing_list):
        wizard = (
            self.env["crm.customer.segment.apply"]
            .with_user(user)
            .create(
                {
                    "partner_ids": [(6, 0, partners.ids)],
                    "action_type": "mailing_list",
                    "mailing_list_id": mailing_list.id,
                }
            )
        )
        return wizard, wizard.action_apply()

    def _list_state(self):
        subscriptions = self.env["mailing.subscription"].search(
            [("list_id", "=", self.mailing_list.id)]
        )
        return {s.contact_id.email_normalized: s.opt_out for s in subscriptions}

    def test_add_segment_to_list(self):
        wizard, action = self._apply(self.marketer, self.customers, self.mailing_list)
        self.assertEqual(wizard.mailing_reach_count, 4)
        self.assertEqual(
            self._list_state(),
            {
                "anna@example.com": False,
                "bob@example.com": False,
                "carl@example.com": True,
                "dora@example.com": False,
            },
        )
        contacts = self.env["mailing.contact"].search(
            [("email_normalized", "in", ["anna@example.com", "dora@example.com"])]
        )
        self.assertEqual(len(contacts), 2, "one contact per address, Dora's reused")
        self.assertIn(self.dora_contact, contacts)
        # list_ids shares its table with subscriptions: read the subscriptions
        self.assertEqual(
            self.env["mailing.subscription"]
            .search([("contact_id", "=", self.dora_contact.id)])
            .list_id,
            self.other_list + self.mailing_list,
        )
        self.assertIn("3 customers added", action["params"]["message"])
        self.assertIn("1 have no e-mail", action["params"]["message"])

        # a second time adds nobody and keeps Carl out
        contact_count = self.env["mailing.contact"].search_count([])
        _wizard, action = self._apply(self.marketer, self.customers, self.mailing_list)
        self.assertEqual(self.env["mailing.contact"].search_count([]), contact_count)
        self.assertEqual(self._list_state()["carl@example.com"], True)
        self.assertIn("0 customers added", action["params"]["message"])
        self.assertIn("4 were already on it", action["params"]["message"])

    def test_list_required(self):
        wizard = (
            self.env["crm.customer.segment.apply"]
            .with_user(self.marketer)
            .create(
                {"partner_ids": [(6, 0, self.bob.ids)], "action_type": "mailing_list"}
            )
        )
        with self.assertRaises(UserError):
            wizard.action_apply()
        self.assertEqual(self._list_state(), {"carl@example.com": True})

    def test_salesman_without_email_marketing_is_refused(self):
        wizard = (
            self.env["crm.customer.segment.apply"]
            .with_user(self.salesman)
            .create(
                {"partner_ids": [(6, 0, self.bob.ids)], "action_type": "mailing_list"}
            )
        )
        with self.assertRaises(UserError):
            wizard.action_apply()
        self.assertEqual(self._list_state(), {"carl@example.com": True})

    def test_tag_still_works(self):
        tag = self.env["res.partner.category"].create({"name": "Win back"})
        wizard = (
            self.env["crm.customer.segment.apply"]
            .with_user(self.salesman)
            .create(
                {
                    "partner_ids": [(6, 0, (self.bob + self.carl).ids)],
                    "action_type": "tag",
                    "category_id": tag.id,
                }
            )
        )
        wizard.action_apply()
        self.assertEqual(tag.partner_ids, self.bob + self.carl)
