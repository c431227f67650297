from datetime import timedelta
from urllib.parse import urlencode

from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .crm_travel_rate import PRIVATE_VEHICLES, VEHICLE_TYPES

OSM_DIRECTIONS = "https://www.openstreetmap.org/directions?"


class CrmVisitTrip(models.Model):
    """A trip of one or more users to one or more customers, on one day or
    several: its visits in order, the route, the kilometres and what the
    trip costs (mileage allowance for a private vehicle, per diem)."""

    _name = "crm.visit.trip"
    _description = "Business trip"
    _inherit = ["mail.thread"]  # noqa: RUF012
    _order = "date_start desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    user_ids = fields.Many2many(
        "res.users",
        "crm_visit_trip_user_rel",
        "trip_id",
        "user_id",
        string="Travellers",
        required=True,
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
    )
    date_start = fields.Datetime(
        string="Departure", required=True, index=True, tracking=True
    )
    date_end = fields.Datetime(
        string="Return", required=True, index=True, tracking=True
    )
    vehicle_type = fields.Selection(
        VEHICLE_TYPES,
        string="Vehicle",
        required=True,
        default="car_large",
        tracking=True,
    )
    vehicle_plate = fields.Char(string="Registration number")
    visit_ids = fields.One2many("crm.visit", "trip_id", string="Visits")
    visit_count = fields.Integer(compute="_compute_visit_count")
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    trip_state = fields.Selection(
        [
            ("draft", "Draft"),
            ("confirmed", "Planned"),
            ("done", "Done"),
            ("cancelled", "Cancelled"),
        ],
        string="Status",
        default="draft",
        required=True,
        tracking=True,
    )
    km_planned = fields.Float(string="Planned km", digits=(10, 1))
    km_return = fields.Float(
        string="Km back",
        digits=(10, 1),
        help="Kilometres from the last visit back to the starting point.",
    )
    km_actual = fields.Float(
        string="Actual km",
        digits=(10, 1),
        compute="_compute_costs",
        store=True,
        help="The kilometres to each visit plus the way back.",
    )
    mileage_amount = fields.Monetary(
        string="Mileage allowance", compute="_compute_costs", store=True
    )
    per_diem_days = fields.Float(
        string="Per-diem days", digits=(6, 1), compute="_compute_costs", store=True
    )
    per_diem_amount = fields.Monetary(
        string="Per diem", compute="_compute_costs", store=True
    )
    amount_total = fields.Monetary(
        string="Trip cost", compute="_compute_costs", store=True
    )
    has_overlap = fields.Boolean(string="Overlapping visits", compute="_compute_flags")
    has_outside = fields.Boolean(
        string="Visits outside the trip", compute="_compute_flags"
    )
    route_html = fields.Html(
        string="Route", compute="_compute_route_html", sanitize=False
    )
    note = fields.Text()

    @api.depends("visit_ids")
    def _compute_visit_count(self):
        for trip in self:
            trip.visit_count = len(trip.visit_ids)

    def _compute_flags(self):
        for trip in self:
            trip.has_overlap = any(trip.visit_ids.mapped("has_overlap"))
            trip.has_outside = any(trip.visit_ids.mapped("outside_trip"))

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for trip in self:
            if trip.date_end < trip.date_start:
                raise ValidationError(
                    self.env._(
                        "The trip %(trip)s returns before it leaves.", trip=trip.name
                    )
                )

    @api.constrains("km_planned", "km_return")
    def _check_km(self):
        for trip in self:
            if trip.km_planned < 0 or trip.km_return < 0:
                raise ValidationError(
                    self.env._(
                        "Kilometres cannot be negative (trip %(trip)s).", trip=trip.name
                    )
                )

    @api.constrains("vehicle_type", "date_start", "date_end", "company_id")
    def _check_rates(self):
        """Every day of the trip has a mileage rate for its private vehicle and
        a per-diem rate."""
        labels = dict(self._fields["vehicle_type"]._description_selection(self.env))
        for trip in self:
            kinds = ["per_diem"]
            if trip.vehicle_type in PRIVATE_VEHICLES:
                kinds.insert(0, trip.vehicle_type)
            for kind in kinds:
                missing = trip._crm_day_without_rate(kind)
                if missing:
                    raise ValidationError(
                        self.env._(
                            "There is no %(rate)s rate on %(day)s for the trip "
                            "%(trip)s: add it under Configuration → Travel Rates.",
                            rate=labels.get(kind) or self.env._("per-diem"),
                            day=fields.Date.to_string(missing),
                            trip=trip.name,
                        )
                    )

    def _crm_local_date(self, moment):
        return fields.Datetime.context_timestamp(self, moment).date()

    def _crm_day_without_rate(self, rate_type):
        """The first day of the trip without a rate of the type, or None."""
        self.ensure_one()
        first, last = (
            self._crm_local_date(self.date_start),
            self._crm_local_date(self.date_end),
        )
        rates = self.env["crm.travel.rate"]._crm_rates(
            rate_type, first, last, self.company_id
        )
        day = first
        while day <= last:
            if not any(
                rate.date_from <= day and (not rate.date_to or rate.date_to >= day)
                for rate in rates
            ):
                return day
            day += timedelta(days=1)
        return None

    # ------------------------------------------------------------------
    # Costs
    # ------------------------------------------------------------------
    def _crm_rate_amount(self, rate_type, day):
        rate = self.env["crm.travel.rate"]._crm_rate_on(rate_type, day, self.company_id)
        return rate.amount if rate else 0.0

    def _crm_mileage_lines(self):
        """The mileage record of the trip (ewidencja przebiegu): one line per
        leg, at the rate of the day it was driven."""
        self.ensure_one()
        lines = []
        stops = self._crm_stops()
        legs = [
            (visit.start, visit.km, stops[index][0], stops[index + 1][0])
            for index, visit in enumerate(self._crm_ordered_visits())
        ]
        if self.km_return:
            legs.append((self.date_end, self.km_return, stops[-1][0], stops[0][0]))
        private = self.vehicle_type in PRIVATE_VEHICLES
        for moment, km, origin, destination in legs:
            day = self._crm_local_date(moment or self.date_start)
            rate = self._crm_rate_amount(self.vehicle_type, day) if private else 0.0
            lines.append(
                {
                    "date": day,
                    "route": f"{origin} → {destination}",
                    "km": km,
                    "rate": rate,
                    "amount": self.currency_id.round(km * rate),
                }
            )
        return lines

    def _crm_per_diem_lines(self):
        """Per diem under the Polish rules for domestic trips: up to a day,
        half below 12 hours, none below 8; longer, each full day and a full
        one for a rest over 8 hours, half for a rest up to 8 hours. Each day
        at the rate of the day it starts, for each traveller."""
        self.ensure_one()
        if not (self.date_start and self.date_end):
            return []
        hours = (self.date_end - self.date_start).total_seconds() / 3600
        slots = []
        if hours <= 24:
            fraction = 0.0 if hours < 8 else (0.5 if hours <= 12 else 1.0)
            if fraction:
                slots.append((self.date_start, fraction))
        else:
            full, rest = divmod(hours, 24)
            slots = [
                (self.date_start + timedelta(days=i), 1.0) for i in range(int(full))
            ]
            if rest:
                slots.append(
                    (
                        self.date_start + timedelta(days=int(full)),
                        0.5 if rest <= 8 else 1.0,
                    )
                )
        travellers = max(len(self.user_ids), 1)
        lines = []
        for moment, fraction in slots:
            day = self._crm_local_date(moment)
            rate = self._crm_rate_amount("per_diem", day)
            lines.append(
                {
                    "date": day,
                    "days": fraction,
                    "travellers": travellers,
                    "rate": rate,
                    "amount": self.currency_id.round(fraction * rate * travellers),
                }
            )
        return lines

    @api.depends(
        "visit_ids.km",
        "visit_ids.start",
        "visit_ids.trip_sequence",
        "km_return",
        "vehicle_type",
        "date_start",
        "date_end",
        "user_ids",
        "company_id",
    )
    def _compute_costs(self):
        for trip in self:
            mileage = trip._crm_mileage_lines() if trip.date_start else []
            per_diem = trip._crm_per_diem_lines()
            trip.km_actual = sum(trip.visit_ids.mapped("km")) + trip.km_return
            trip.mileage_amount = sum(line["amount"] for line in mileage)
            trip.per_diem_days = sum(line["days"] for line in per_diem)
            trip.per_diem_amount = sum(line["amount"] for line in per_diem)
            trip.amount_total = trip.mileage_amount + trip.per_diem_amount

    # ------------------------------------------------------------------
    # Route
    # ------------------------------------------------------------------
    def _crm_ordered_visits(self):
        return self.visit_ids.filtered(lambda v: v.visit_state != "cancelled").sorted(
            lambda v: (v.trip_sequence, v.start or fields.Datetime.now(), v.id)
        )

    @api.model
    def _crm_address(self, partner):
        return ", ".join(
            filter(
                None,
                [
                    partner.street,
                    partner.zip
                    and f"{partner.zip} {partner.city or ''}".strip()
                    or partner.city,
                    partner.country_id.name,
                ],
            )
        )

    def _crm_stops(self):
        """[(label, address)]: the company, then each visit in order."""
        self.ensure_one()
        company = self.company_id.partner_id
        stops = [(company.city or company.name, self._crm_address(company))]
        for visit in self._crm_ordered_visits():
            customer = visit.customer_id
            stops.append((customer.city or customer.name, self._crm_address(customer)))
        return stops

    @api.model
    def _crm_directions_url(self, origin, destination):
        """OpenStreetMap directions between two addresses (built here, the
        map geocodes them when the link is opened: no network call)."""
        return OSM_DIRECTIONS + urlencode(
            {"engine": "fossgis_osrm_car", "from": origin, "to": destination}
        )

    def _crm_route_legs(self):
        self.ensure_one()
        stops = self._crm_stops()
        if len(stops) < 2:
            return []
        stops = [*stops, stops[0]]
        return [
            {
                "from": stops[i][1] or stops[i][0],
                "to": stops[i + 1][1] or stops[i + 1][0],
                "url": self._crm_directions_url(
                    stops[i][1] or stops[i][0], stops[i + 1][1] or stops[i + 1][0]
                ),
            }
            for i in range(len(stops) - 1)
        ]

    @api.depends(
        "visit_ids.customer_id",
        "visit_ids.trip_sequence",
        "visit_ids.start",
        "company_id",
    )
    def _compute_route_html(self):
        for trip in self:
            legs = trip._crm_route_legs() if trip.id else []
            trip.route_html = (
                Markup("<ol>%s</ol>")
                % Markup("").join(
                    Markup(
                        '<li><a href="%s" target="_blank" rel="noopener">'
                        "%s → %s</a></li>"
                    )
                    % (leg["url"], escape(leg["from"]), escape(leg["to"]))
                    for leg in legs
                )
                if legs
                else False
            )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_confirm(self):
        for trip in self:
            if not trip.visit_ids:
                raise UserError(
                    self.env._("The trip %(trip)s has no visits.", trip=trip.name)
                )
            outside = trip.visit_ids.filtered("outside_trip")
            if outside:
                raise UserError(
                    self.env._(
                        "These visits are outside the dates of the trip %(trip)s: "
                        "%(visits)s. Move them or change the departure and return.",
                        trip=trip.name,
                        visits=", ".join(outside.mapped("name")),
                    )
                )
        self.write({"trip_state": "confirmed"})

    def action_done(self):
        self.write({"trip_state": "done"})

    def action_cancel(self):
        self.write({"trip_state": "cancelled"})

    def action_draft(self):
        self.write({"trip_state": "draft"})

    def action_open_visits(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_contacts_visits.crm_visit_action"
        )
        action["domain"] = [("trip_id", "=", self.id)]
        action["context"] = {
            "default_trip_id": self.id,
            "default_user_ids": self.user_ids.ids,
        }
        return action

    def action_print_summary(self):
        return self.env.ref(
            "crm_contacts_visits.action_report_crm_visit_trip"
        ).report_action(self)
