from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.crm_contacts_visits.models.crm_travel_rate import (
    PRIVATE_VEHICLES,
    VEHICLE_TYPES,
)


class CrmVisit(models.Model):
    _inherit = "crm.visit"

    origin = fields.Selection(
        selection_add=[("ticket", "Ticket")], ondelete={"ticket": "set default"}
    )
    ticket_id = fields.Many2one(
        "helpdesk.ticket",
        index="btree_not_null",
        check_company=True,
        help="The service visit of this ticket.",
    )
    travel_vehicle_type = fields.Selection(
        VEHICLE_TYPES,
        string="Vehicle",
        compute="_compute_travel_vehicle_type",
        store=True,
        readonly=False,
        help="The vehicle whose mileage rate prices the travel on the ticket.",
    )
    travel_cost_line_id = fields.Many2one(
        "helpdesk.ticket.cost.line", string="Travel cost", readonly=True, copy=False
    )

    @api.depends("trip_id.vehicle_type")
    def _compute_travel_vehicle_type(self):
        for visit in self:
            visit.travel_vehicle_type = (
                visit.trip_id.vehicle_type or visit.travel_vehicle_type or "car_large"
            )

    def _crm_add_travel_cost(self):
        """The travel of a service visit on its ticket: km × the mileage rate
        of the vehicle on the visit's day, once."""
        Rate = self.env["crm.travel.rate"]
        product = self.env.ref("crm_contacts_visits_service.product_travel_km")
        for visit in self.filtered(
            lambda v: v.ticket_id and v.km and not v.travel_cost_line_id
        ):
            if visit.travel_vehicle_type not in PRIVATE_VEHICLES:
                raise UserError(
                    self.env._(
                        "The visit %(visit)s went by company car, which has no "
                        "mileage rate: add its travel to the ticket by hand.",
                        visit=visit.name,
                    )
                )
            day = fields.Datetime.context_timestamp(visit, visit.start).date()
            rate = Rate._crm_rate_on(visit.travel_vehicle_type, day, visit.company_id)
            if not rate:
                labels = dict(
                    self._fields["travel_vehicle_type"]._description_selection(self.env)
                )
                raise UserError(
                    self.env._(
                        "There is no %(rate)s rate on %(day)s for the visit %(visit)s.",
                        rate=labels[visit.travel_vehicle_type],
                        day=fields.Date.to_string(day),
                        visit=visit.name,
                    )
                )
            line = self.env["helpdesk.ticket.cost.line"].create(
                {
                    "ticket_id": visit.ticket_id.id,
                    "cost_type": "travel",
                    "product_id": product.id,
                    "name": self.env._(
                        "Travel to %(customer)s, %(day)s: %(km)s km × %(rate)s",
                        customer=visit.customer_id.name,
                        day=fields.Date.to_string(day),
                        km=f"{visit.km:g}",
                        rate=f"{rate.amount:g}",
                    ),
                    "quantity": visit.km,
                    "unit_cost": rate.amount,
                    "unit_price": rate.amount,
                }
            )
            visit.travel_cost_line_id = line

    def action_crm_add_travel_cost(self):
        missing = self.filtered(lambda v: v.ticket_id and not v.km)
        if missing:
            raise UserError(
                self.env._(
                    "Type the kilometres of the visit %(visit)s first.",
                    visit=missing[0].name,
                )
            )
        self._crm_add_travel_cost()

    def action_save_report(self):
        result = super().action_save_report()
        self._crm_add_travel_cost()
        return result
