from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CrmNameDay(models.Model):
    """One date of the Polish name-day calendar for one first name.

    A name can have several dates in the year; the customary one is what a
    person gets by default, the others can be chosen on the person.
    """

    _name = "crm.name.day"
    _description = "Name Day"
    _order = "name, month, day"

    name = fields.Char(string="First Name", required=True, index=True)
    month = fields.Integer(required=True, index=True)
    day = fields.Integer(required=True)
    is_customary = fields.Boolean(
        string="Customary",
        help="The date people of this name usually celebrate; "
        "given to a person by default.",
    )
    date_label = fields.Char(string="Date", compute="_compute_date_label")

    _name_date_unique = models.Constraint(
        "UNIQUE (name, month, day)", "This name already has this name day."
    )

    @api.depends("month", "day")
    def _compute_date_label(self):
        for name_day in self:
            name_day.date_label = f"{name_day.day:02d}.{name_day.month:02d}"

    @api.depends("name", "month", "day")
    def _compute_display_name(self):
        for name_day in self:
            name_day.display_name = (
                f"{name_day.name} ({name_day.day:02d}.{name_day.month:02d})"
            )

    @api.constrains("month", "day")
    def _check_date(self):
        days_in_month = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        for name_day in self:
            if not (
                1 <= name_day.month <= 12
                and 1 <= name_day.day <= days_in_month[name_day.month - 1]
            ):
                raise ValidationError(
                    self.env._(
                        "%(day)s.%(month)s is not a day of the year "
                        "(name day of %(name)s).",
                        day=name_day.day,
                        month=name_day.month,
                        name=name_day.name,
                    )
                )

    @api.model
    def _normalize_name(self, first_name):
        return (first_name or "").strip().capitalize()

    @api.model
    def _customary_for(self, first_names):
        """{normalised first name: its customary name day}, in one query."""
        keys = {self._normalize_name(name) for name in first_names} - {""}
        if not keys:
            return {}
        result = {}
        for name_day in self.search(
            [("name", "in", list(keys))], order="is_customary desc, month, day"
        ):
            result.setdefault(name_day.name, name_day)
        return result
