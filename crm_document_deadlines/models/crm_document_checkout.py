from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL, format_date


class CrmDocumentCheckout(models.Model):
    _name = "crm.document.checkout"
    _description = "Check-out of a paper original"
    _order = "date_out desc, id desc"
    _rec_name = "document_id"

    document_id = fields.Many2one(
        "crm.document",
        required=True,
        index=True,
        ondelete="cascade",
        domain=[("has_paper_original", "=", True)],
    )
    location_id = fields.Many2one(related="document_id.location_id")
    user_id = fields.Many2one(
        "res.users",
        string="Taken by",
        required=True,
        default=lambda self: self.env.user,
        domain=[("share", "=", False)],
    )
    date_out = fields.Datetime(
        string="Taken out on", required=True, default=fields.Datetime.now
    )
    expected_return = fields.Date(required=True)
    date_in = fields.Datetime(string="Returned on", index="btree_not_null")
    note = fields.Char()
    is_overdue = fields.Boolean(string="Return overdue", index=True)
    overdue_reminded = fields.Boolean()
    company_id = fields.Many2one(related="document_id.company_id", store=True)

    @api.constrains("document_id", "date_in", "date_out", "expected_return")
    def _check_checkout(self):
        for checkout in self:
            doc = checkout.document_id
            if not doc.has_paper_original:
                raise ValidationError(
                    self.env._(
                        "Document %(number)s has no paper original to take out.",
                        number=doc.display_name,
                    )
                )
            if checkout.expected_return < checkout.date_out.date():
                raise ValidationError(
                    self.env._(
                        "The expected return (%(date)s) is before the day the "
                        "original was taken out.",
                        date=format_date(self.env, checkout.expected_return),
                    )
                )
            if checkout.date_in and checkout.date_in < checkout.date_out:
                raise ValidationError(
                    self.env._("The original cannot come back before it was taken out.")
                )
            if len(doc.checkout_ids.filtered(lambda c: not c.date_in)) > 1:
                raise ValidationError(
                    self.env._(
                        "The original of %(number)s is already taken out.",
                        number=doc.display_name,
                    )
                )

    def action_return(self):
        self.filtered(lambda c: not c.date_in).write(
            {"date_in": fields.Datetime.now(), "is_overdue": False}
        )
        for checkout in self:
            checkout.document_id.activity_unlink(
                ["mail.mail_activity_data_todo"], user_id=checkout.user_id.id
            )
            checkout.document_id.message_post(
                body=self.env._(
                    "Original returned by %(user)s.", user=checkout.user_id.name
                )
            )
        return True

    @api.model
    def _cron_overdue_returns(self, today=None):
        """Flag check-outs not returned by the expected date and remind the
        person who has the original (once), each company on its own day."""
        return sum(
            self._company_overdue_returns(company, today or company._crm_today())
            for company in self.env["res.company"].search([])
        )

    @api.model
    def _company_overdue_returns(self, company, today):
        self.flush_model()
        self.env.cr.execute(
            SQL(
                """SELECT id FROM crm_document_checkout
                    WHERE date_in IS NULL AND expected_return < %s
                      AND company_id = %s
                      AND NOT COALESCE(overdue_reminded, FALSE)
                 ORDER BY id""",
                today,
                company.id,
            )
        )
        overdue = self.browse([row[0] for row in self.env.cr.fetchall()])
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id("crm.document")
        values = []
        for checkout in overdue:
            # in the language of the person who has it, not OdooBot's
            env = checkout.with_context(lang=checkout.user_id.lang or self.env.lang).env
            values.append(
                {
                    "res_model_id": model_id,
                    "res_id": checkout.document_id.id,
                    "activity_type_id": activity_type.id,
                    "summary": env._("Return the original"),
                    "note": env._(
                        "The paper original was due back on %(date)s.",
                        date=format_date(env, checkout.expected_return),
                    ),
                    "date_deadline": today,
                    "user_id": checkout.user_id.id,
                    "automated": True,
                }
            )
        self.env["mail.activity"].create(values)
        overdue.write({"is_overdue": True, "overdue_reminded": True})
        return len(overdue)
