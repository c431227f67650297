from odoo import api, fields, models


class CrmCorrespondenceRule(models.Model):
    _name = "crm.correspondence.rule"
    _description = "Sorting rule for e-mails into the correspondence register"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    match_on = fields.Selection(
        [
            ("address", "Sender address"),
            ("domain", "Sender domain"),
            ("keyword", "Subject keyword"),
        ],
        required=True,
        default="domain",
    )
    pattern = fields.Char(
        required=True,
        help="E-mail address, domain (example.com) or a word of the subject; "
        "letter case does not matter.",
    )
    partner_id = fields.Many2one("res.partner", string="Set sender")
    user_id = fields.Many2one(
        "res.users",
        string="Set holder",
        domain=lambda self: self.env["crm.correspondence.forward"]._register_users(),
    )
    team_id = fields.Many2one("crm.document.team", string="Set department")
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)

    def _matches(self, sender, subject):
        self.ensure_one()
        pattern = self.pattern.strip().lower()
        if self.match_on == "address":
            return sender == pattern
        if self.match_on == "domain":
            return sender.rpartition("@")[2] == pattern.lstrip("@")
        return pattern in subject.lower()

    @api.model
    def _sort(self, sender, subject):
        """Values for a new entry: the first matching rule sets each of
        sender, holder and department."""
        values = {}
        for rule in self.search([]):
            if not rule._matches(sender, subject):
                continue
            for field, value in (
                ("partner_id", rule.partner_id),
                ("holder_user_id", rule.user_id),
                ("team_id", rule.team_id),
            ):
                if value and field not in values:
                    values[field] = value.id
        return values
