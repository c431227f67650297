from odoo.addons.crm_contacts_ext.tests.test_call_center import CallCenterCommon


class CallServiceCommon(CallCenterCommon):
    @classmethod
    def _setup_service(cls):
        cls._setup_call_center()
        cls.Ticket = cls.env["helpdesk.ticket"]
        cls.Call = cls.env["crm.call"]
        cls.open_stage = cls.env["helpdesk.ticket.stage"].search(
            [("closed", "=", False)], limit=1
        )
        cls.closed_stage = cls.env["helpdesk.ticket.stage"].search(
            [("closed", "=", True)], limit=1
        )
        cls.device = cls.env["product.product"].create(
            {
                "name": "Espresso machine",
                "type": "consu",
                "is_storable": True,
                "tracking": "serial",
            }
        )
        cls.lot = cls.env["stock.lot"].create(
            {
                "name": "SN-CALL-001",
                "product_id": cls.device.id,
                "company_id": cls.company.id,
            }
        )

    @classmethod
    def _ticket(cls, partner, company=None, **vals):
        return cls.Ticket.create(
            {
                "name": "Does not heat",
                "description": "<p>Water stays cold.</p>",
                "partner_id": partner.id,
                "company_id": (company or cls.company).id,
                **vals,
            }
        )
