from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import email_normalize


class CrmCustomerSegmentApply(models.TransientModel):
    _inherit = "crm.customer.segment.apply"

    action_type = fields.Selection(
        selection_add=[("mailing_list", "Add to a mailing list")],
        ondelete={"mailing_list": "cascade"},
    )
    mailing_list_id = fields.Many2one(
        "mailing.list",
        string="Mailing list",
        groups="mass_mailing.group_mass_mailing_user",
    )
    mailing_reach_count = fields.Integer(
        string="Customers with an e-mail",
        compute="_compute_mailing_reach_count",
    )

    @api.depends("partner_ids", "action_type")
    def _compute_mailing_reach_count(self):
        for wizard in self:
            wizard.mailing_reach_count = len(
                {email_normalize(e) for e in wizard.partner_ids.mapped("email")}
                - {False}
            )

    def _apply_mailing_list(self):
        """Subscribe the customers to the list: one mailing contact per e-mail
        address. Who opted out of the list stays out; who is already on it is
        left as is, so applying twice adds nobody twice."""
        self.ensure_one()
        if not self.env.user.has_group("mass_mailing.group_mass_mailing_user"):
            raise UserError(
                self.env._(
                    "Only Email Marketing users can add customers to a mailing list."
                )
            )
        if not self.mailing_list_id:
            raise UserError(
                self.env._("Choose the mailing list to add the customers to.")
            )
        mailing_list = self.mailing_list_id
        by_email = {}
        skipped = 0
        for partner in self.partner_ids:
            email = email_normalize(partner.email)
            if not email:
                skipped += 1
            elif email not in by_email:
                by_email[email] = partner
        Contact = self.env["mailing.contact"]
        existing = Contact.search([("email_normalized", "in", list(by_email))])
        existing_by_email = {}
        for contact in existing:
            existing_by_email.setdefault(contact.email_normalized, contact)
        subscribed = set(
            self.env["mailing.subscription"]
            .search(
                [("list_id", "=", mailing_list.id), ("contact_id", "in", existing.ids)]
            )
            .mapped("contact_id.email_normalized")
        )
        to_subscribe = [
            {"contact_id": contact.id, "list_id": mailing_list.id}
            for email, contact in existing_by_email.items()
            if email not in subscribed
        ]
        self.env["mailing.subscription"].create(to_subscribe)
        new_contacts = Contact.create(
            [
                {
                    "name": partner.name,
                    "email": partner.email,
                    "company_name": partner.commercial_company_name or False,
                    "country_id": partner.country_id.id,
                    "list_ids": [fields.Command.link(mailing_list.id)],
                }
                for email, partner in by_email.items()
                if email not in existing_by_email
            ]
        )
        added = len(to_subscribe) + len(new_contacts)
        message = self.env._(
            "%(added)s customers added to the mailing list %(list)s "
            "(%(already)s were already on it, %(skipped)s have no e-mail).",
            added=added,
            list=mailing_list.name,
            already=len(by_email) - added,
            skipped=skipped,
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": message,
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
