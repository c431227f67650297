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

    def _fits(self, company):
        """Whether the holder, department and sender the rule sets belong to
        ``company`` (a shared rule may point at another company's)."""
        self.ensure_one()
        if self.user_id and company not in self.user_id.company_ids:
            return False
        return all(
            not record.company_id or record.company_id == company
            for record in (self.team_id, self.partner_id)
        )

    @api.model
    def _sort(self, sender, subject, company):
        """Values for a new entry of ``company``: the first matching rule of
        that company sets each of sender, holder and department. The gateway
        runs as superuser: another company's rules, holders and departments
        are left out here."""
        values = {}
        in_company = [("company_id", "in", [company.id, False])]
        for rule in self.search(in_company).filtered(lambda r: r._fits(company)):
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
