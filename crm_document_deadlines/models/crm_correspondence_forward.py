from odoo import api, fields, models
from odoo.exceptions import ValidationError

USER_GROUP = "crm_document_deadlines.group_document_user"


class CrmCorrespondenceForward(models.Model):
    """Forwarding log; its form is also the "Forward" dialog."""

    _name = "crm.correspondence.forward"
    _description = "Forwarding of correspondence"
    _order = "date desc, id desc"
    _rec_name = "correspondence_id"

    correspondence_id = fields.Many2one(
        "crm.correspondence",
        required=True,
        index=True,
        ondelete="cascade",
    )
    from_user_id = fields.Many2one(
        "res.users", string="From", default=lambda self: self.env.user, readonly=True
    )
    to_user_id = fields.Many2one(
        "res.users",
        string="To person",
        domain=lambda self: self._register_users(),
    )
    to_team_id = fields.Many2one("crm.document.team", string="To department")
    date = fields.Datetime(
        string="Forwarded on", default=fields.Datetime.now, readonly=True
    )
    note = fields.Text()
    company_id = fields.Many2one(related="correspondence_id.company_id", store=True)

    @api.model
    def _register_users(self):
        """Domain of the users who can open the correspondence register."""
        return [
            ("share", "=", False),
            ("all_group_ids", "in", self.env.ref(USER_GROUP).ids),
        ]

    @api.constrains("to_user_id", "to_team_id")
    def _check_recipient(self):
        for forward in self:
            if not forward.to_user_id and not forward.to_team_id:
                raise ValidationError(
                    self.env._(
                        "Forwarding %(entry)s: choose the person or the department "
                        "it goes to.",
                        entry=forward.correspondence_id.name,
                    )
                )
            user = forward.to_user_id
            # the letter would be held by someone who cannot open it
            if user and (
                not user.has_group(USER_GROUP)
                or forward.correspondence_id.company_id not in user.company_ids
            ):
                raise ValidationError(
                    self.env._(
                        "%(user)s cannot open correspondence %(entry)s of "
                        "%(company)s: forward it to someone with access to "
                        "Documents and correspondence in that company, or give "
                        "%(user)s that access first.",
                        user=user.name,
                        entry=forward.correspondence_id.name,
                        company=forward.correspondence_id.company_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        forwards = super().create(vals_list)
        forwards._check_recipient()
        for forward in forwards:
            entry = forward.correspondence_id
            values = {"holder_user_id": forward.to_user_id.id}
            if forward.to_team_id:
                values["team_id"] = forward.to_team_id.id
            entry.write(values)
            recipient = forward.to_user_id.name or forward.to_team_id.name
            # notified to the recipient: in the recipient's language
            env = forward.with_context(
                lang=forward.to_user_id.lang or self.env.lang
            ).env
            entry.message_post(
                body=env._(
                    "Forwarded to %(to)s: %(note)s",
                    to=recipient,
                    note=forward.note or "",
                ),
                partner_ids=forward.to_user_id.partner_id.ids,
                subtype_xmlid="mail.mt_note",
            )
            if forward.to_user_id:
                entry.activity_schedule(
                    "mail.mail_activity_data_todo",
                    date_deadline=entry.reply_due or entry.company_id._crm_today(),
                    summary=env._("Forwarded correspondence"),
                    note=forward.note,
                    user_id=forward.to_user_id.id,
                )
        return forwards

    def action_close(self):
        return {"type": "ir.actions.act_window_close"}
