from datetime import timedelta

import holidays

from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    def _crm_today(self):
        """Today where the user is, or where the company is for a user without
        a timezone (the mail gateway, the scheduler): never UTC's day."""
        self.ensure_one()
        user = self.env.user
        # OdooBot (gateway, scheduler) is nobody's clock: its timezone is ignored
        user_tz = not user._is_superuser() and user.tz
        tz = self.env.context.get("tz") or user_tz or self.partner_id.tz
        return fields.Date.context_today(self.with_context(tz=tz or "UTC"))

    def _crm_days_off(self, date_from, date_to):
        """Non-business days between two dates: weekends, Polish public holidays
        (``holidays`` library) and the company's own days off."""
        self.ensure_one()
        public = holidays.Poland(years=range(date_from.year, date_to.year + 1))
        own = set(
            self.env["crm.company.day.off"]
            .sudo()
            .search(
                [
                    ("company_id", "=", self.id),
                    ("date", ">=", date_from),
                    ("date", "<=", date_to),
                ]
            )
            .mapped("date")
        )
        return {
            day
            for day in (
                date_from + timedelta(days=n)
                for n in range((date_to - date_from).days + 1)
            )
            if day.weekday() >= 5 or day in public or day in own
        }

    def crm_add_business_days(self, start, days):
        """The date ``days`` business days after ``start``."""
        self.ensure_one()
        if not days:
            return start
        # business days are at least 5 of 7 days, minus at most ~15 holidays a year
        horizon = start + timedelta(days=days * 2 + 30)
        days_off = self._crm_days_off(start, horizon)
        day, left = start, days
        while left:
            day += timedelta(days=1)
            if day > horizon:
                horizon += timedelta(days=60)
                days_off |= self._crm_days_off(day, horizon)
            if day not in days_off:
                left -= 1
        return day
