from odoo import http
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import ServiceWarrantyCommon


@tagged("post_install", "-at_install")
class TestPortalDevices(HttpCase, ServiceWarrantyCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_a = new_test_user(
            cls.env, "sw_portal_a", groups="base.group_portal", password="sw_portal_a"
        )
        cls.portal_a.partner_id.parent_id = cls.customer_a
        cls.portal_b = new_test_user(
            cls.env, "sw_portal_b", groups="base.group_portal", password="sw_portal_b"
        )
        cls.portal_b.partner_id.parent_id = cls.customer_b
        cls.lot_a = cls._lot("PORTAL-A-1")
        cls._deliver(cls.lot_a, cls.customer_a, "2025-09-01 10:00:00")
        cls.lot_b = cls._lot("PORTAL-B-1")
        cls._deliver(cls.lot_b, cls.customer_b, "2025-09-01 10:00:00")
        cls.ticket_b = cls.env["helpdesk.ticket"].create(
            {
                "name": "Secret problem of B",
                "description": "<p>x</p>",
                "lot_id": cls.lot_b.id,
                "partner_id": cls.portal_b.partner_id.id,
            }
        )

    def test_customer_sees_own_devices_only(self):
        self.authenticate("sw_portal_a", "sw_portal_a")
        response = self.url_open("/my/devices")
        self.assertEqual(response.status_code, 200)
        self.assertIn("PORTAL-A-1", response.text)
        self.assertNotIn("PORTAL-B-1", response.text)
        own = self.url_open(f"/my/devices/{self.lot_a.id}")
        self.assertIn("PORTAL-A-1", own.text)
        self.assertIn(f"/new/ticket?lot_id={self.lot_a.id}", own.text)

    def test_customer_cannot_open_other_device_or_ticket_by_url(self):
        self.authenticate("sw_portal_a", "sw_portal_a")
        other = self.url_open(f"/my/devices/{self.lot_b.id}")
        self.assertNotIn("PORTAL-B-1", other.text)
        self.assertNotIn("Secret problem of B", other.text)
        new_ticket = self.url_open(f"/new/ticket?lot_id={self.lot_b.id}")
        self.assertEqual(new_ticket.status_code, 403)
        ticket_page = self.url_open(f"/my/ticket/{self.ticket_b.id}")
        self.assertNotIn("Secret problem of B", ticket_page.text)

    def test_returned_device_leaves_the_portal(self):
        """A sent the device back: it is no longer theirs in the portal."""
        self._return(self.lot_a, self.customer_a, "2025-10-01 10:00:00")
        self.authenticate("sw_portal_a", "sw_portal_a")
        devices = self.url_open("/my/devices")
        self.assertEqual(devices.status_code, 200)
        self.assertNotIn("PORTAL-A-1", devices.text)
        device = self.url_open(f"/my/devices/{self.lot_a.id}")
        self.assertNotIn("PORTAL-A-1", device.text)
        new_ticket = self.url_open(f"/new/ticket?lot_id={self.lot_a.id}")
        self.assertEqual(new_ticket.status_code, 403)
        self.assertFalse(
            self.env["stock.lot"]
            .with_user(self.portal_a)
            .search([("id", "=", self.lot_a.id)])
        )

    def test_record_rule_hides_other_devices(self):
        lots = (
            self.env["stock.lot"]
            .with_user(self.portal_a)
            .search([("id", "in", [self.lot_a.id, self.lot_b.id])])
        )
        self.assertEqual(lots, self.lot_a)
        with self.assertRaises(AccessError):
            self.lot_b.with_user(self.portal_a).read(["name"])

    def test_customer_opens_ticket_for_own_device(self):
        self.authenticate("sw_portal_a", "sw_portal_a")
        form = self.url_open(f"/new/ticket?lot_id={self.lot_a.id}")
        self.assertEqual(form.status_code, 200)
        self.assertIn('name="lot_id"', form.text)
        data = {
            "csrf_token": http.Request.csrf_token(self),
            "subject": "Grinder stopped",
            "description": "It stopped grinding.",
            "lot_id": self.lot_a.id,
        }
        response = self.url_open("/submitted/ticket", data=data)
        self.assertEqual(response.status_code, 200)
        ticket = self.env["helpdesk.ticket"].search([("name", "=", "Grinder stopped")])
        self.assertEqual(ticket.lot_id, self.lot_a)
        self.assertEqual(ticket.product_id, self.device)
        self.assertTrue(ticket.under_warranty)
        page = self.url_open(f"/my/ticket/{ticket.id}")
        self.assertIn("PORTAL-A-1", page.text)
        # another customer's device cannot be slipped into the form
        data.update(subject="Sneaky", lot_id=self.lot_b.id)
        response = self.url_open("/submitted/ticket", data=data)
        self.assertEqual(response.status_code, 403)
        self.assertFalse(self.env["helpdesk.ticket"].search([("name", "=", "Sneaky")]))
