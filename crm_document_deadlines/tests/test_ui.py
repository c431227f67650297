from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestCorrespondenceUi(HttpCase):
    def test_register_forward_reply_tour(self):
        new_test_user(
            self.env,
            "tour_clerk",
            groups="base.group_user,crm_document_deadlines.group_document_user",
            name="Tour Clerk",
        )
        recipient = new_test_user(
            self.env,
            "tour_recipient",
            groups="base.group_user,crm_document_deadlines.group_document_user",
            name="Tomasz Odbiorca",
        )
        self.env["res.partner"].create({"name": "Tourowa Sp. z o.o."})
        self.start_tour(
            "/odoo", "crm_document_deadlines_correspondence_tour", login="tour_clerk"
        )
        letter = self.env["crm.correspondence"].search(
            [("subject", "=", "Prośba o ofertę serwisową")]
        )
        self.assertEqual(letter.direction, "incoming")
        self.assertEqual(letter.partner_id.name, "Tourowa Sp. z o.o.")
        self.assertEqual(letter.holder_user_id, recipient)
        self.assertEqual(letter.forward_ids.to_user_id, recipient)
        self.assertEqual(letter.forward_ids.note, "Proszę o przygotowanie oferty")
        self.assertEqual(letter.reply_state, "replied")
        self.assertEqual(letter.reply_id.direction, "outgoing")
        self.assertLessEqual(letter.reply_id.date, letter.reply_due)
        self.assertFalse(letter.is_overdue)

    def test_document_renewal_tour(self):
        new_test_user(
            self.env,
            "tour_doc_clerk",
            groups="base.group_user,crm_document_deadlines.group_document_user",
            name="Tour Document Clerk",
            tz="UTC",
        )
        self.start_tour(
            "/odoo", "crm_document_deadlines_document_tour", login="tour_doc_clerk"
        )
        first, second = self.env["crm.document"].search(
            [("title", "=", "Umowa najmu magazynu")], order="version"
        )
        self.assertTrue(first.confirmed)
        self.assertEqual(str(first.notice_deadline), "2026-10-02")
        self.assertEqual(first.next_id, second)
        self.assertEqual((second.version, second.state), (2, "draft"))
        self.assertEqual(str(second.valid_to), "2027-12-31")
