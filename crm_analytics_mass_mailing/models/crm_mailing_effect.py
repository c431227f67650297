from odoo import fields, models
from odoo.tools import SQL, drop_view_if_exists


class CrmMailingEffect(models.Model):
    """Did a mailing make customers order? One row per sent mailing, company
    and customer segment: the customers of the segment the mailing reached
    (by a trace on the partner, or on a mailing contact with the partner's
    e-mail), how many of them confirmed an order within the company's window
    after the sending and for how much, beside the same figures of the
    customers of the same segment it did not reach (the control group)."""

    _name = "crm.mailing.effect"
    _description = "Mailing effectiveness"
    _auto = False
    _order = "sent_date desc, mailing_id, segment_id"
    _rec_name = "mailing_id"

    mailing_id = fields.Many2one("mailing.mailing", readonly=True)
    sent_date = fields.Datetime(readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    segment_id = fields.Many2one("crm.rfm.segment", readonly=True)
    window_days = fields.Integer(
        string="Window (days)", readonly=True, aggregator="max"
    )
    mailed_count = fields.Integer(string="Customers mailed", readonly=True)
    mailed_buyer_count = fields.Integer(string="Mailed and ordered", readonly=True)
    mailed_revenue = fields.Monetary(string="Revenue of the mailed", readonly=True)
    mailed_rate = fields.Float(
        string="Ordering rate, mailed (%)",
        readonly=True,
        digits=(16, 1),
        help="Mailed customers who ordered within the window / customers mailed.",
    )
    control_count = fields.Integer(string="Customers not mailed", readonly=True)
    control_buyer_count = fields.Integer(string="Not mailed and ordered", readonly=True)
    control_revenue = fields.Monetary(string="Revenue of the not mailed", readonly=True)
    control_rate = fields.Float(
        string="Ordering rate, not mailed (%)",
        readonly=True,
        digits=(16, 1),
        help="Customers of the same segment not mailed who ordered within the "
        "window / customers not mailed.",
    )
    uplift = fields.Float(
        string="Uplift (points)",
        readonly=True,
        digits=(16, 1),
        help="Ordering rate of the mailed minus that of the not mailed.",
    )

    def init(self):
        drop_view_if_exists(self.env.cr, self._table)
        mailed_rate = SQL("100.0 * mailed_buyer_count / NULLIF(mailed_count, 0)")
        control_rate = SQL("100.0 * control_buyer_count / NULLIF(control_count, 0)")
        self.env.cr.execute(
            SQL(
                """
            CREATE VIEW %(view)s AS
            WITH mailings AS (
                SELECT m.id AS mailing_id, m.sent_date, co.id AS company_id,
                       co.crm_mailing_window_days AS window_days
                  FROM mailing_mailing m
                 CROSS JOIN res_company co
                 WHERE m.state = 'done' AND m.sent_date IS NOT NULL
            ),
            reached AS (
                SELECT t.mass_mailing_id AS mailing_id, p.commercial_partner_id
                  FROM mailing_trace t
                  JOIN res_partner p ON p.id = t.res_id
                 WHERE t.model = 'res.partner'
                   AND t.trace_status NOT IN ('error', 'cancel', 'bounce')
                 UNION
                SELECT t.mass_mailing_id, p.commercial_partner_id
                  FROM mailing_trace t
                  JOIN res_partner p ON p.email_normalized = t.email
                 WHERE t.model <> 'res.partner'
                   AND t.trace_status NOT IN ('error', 'cancel', 'bounce')
            ),
            customers AS (
                SELECT mg.*, v.partner_id, v.segment_id,
                       r.commercial_partner_id IS NOT NULL AS mailed
                  FROM mailings mg
                  JOIN crm_customer_value v ON v.company_id = mg.company_id
                  LEFT JOIN reached r ON r.mailing_id = mg.mailing_id
                                     AND r.commercial_partner_id = v.partner_id
            ),
            bought AS (
                SELECT c.mailing_id, c.company_id, c.partner_id,
                       SUM(so.amount_untaxed
                           / COALESCE(NULLIF(so.currency_rate, 0), 1)) AS revenue
                  FROM customers c
                  JOIN res_partner p ON p.commercial_partner_id = c.partner_id
                  JOIN sale_order so ON so.partner_id = p.id
                                    AND so.company_id = c.company_id
                                    AND so.state = 'sale'
                                    AND so.date_order >= c.sent_date
                                    AND so.date_order < c.sent_date
                                        + make_interval(days => c.window_days)
              GROUP BY c.mailing_id, c.company_id, c.partner_id
            ),
            figures AS (
                SELECT c.mailing_id, MIN(c.sent_date) AS sent_date, c.company_id,
                       c.segment_id, MIN(c.window_days) AS window_days,
                       COUNT(*) FILTER (WHERE c.mailed) AS mailed_count,
                       COUNT(b.partner_id) FILTER (WHERE c.mailed)
                           AS mailed_buyer_count,
                       COALESCE(SUM(b.revenue) FILTER (WHERE c.mailed), 0)
                           AS mailed_revenue,
                       COUNT(*) FILTER (WHERE NOT c.mailed) AS control_count,
                       COUNT(b.partner_id) FILTER (WHERE NOT c.mailed)
                           AS control_buyer_count,
                       COALESCE(SUM(b.revenue) FILTER (WHERE NOT c.mailed), 0)
                           AS control_revenue
                  FROM customers c
                  LEFT JOIN bought b ON b.mailing_id = c.mailing_id
                                    AND b.company_id = c.company_id
                                    AND b.partner_id = c.partner_id
              GROUP BY c.mailing_id, c.company_id, c.segment_id
                HAVING COUNT(*) FILTER (WHERE c.mailed) > 0
            )
            SELECT ROW_NUMBER() OVER (
                       ORDER BY mailing_id, company_id, segment_id) AS id,
                   f.*,
                   ROUND(%(mailed_rate)s, 1)::float8 AS mailed_rate,
                   ROUND(%(control_rate)s, 1)::float8 AS control_rate,
                   ROUND(COALESCE(%(mailed_rate)s, 0) - COALESCE(%(control_rate)s, 0),
                         1)::float8 AS uplift
              FROM figures f
                """,
                view=SQL.identifier(self._table),
                mailed_rate=mailed_rate,
                control_rate=control_rate,
            )
        )

    def _read_group_select(self, aggregate_spec, query):
        """The rates of a group from its sums."""
        fname = aggregate_spec.split(":")[0]
        if fname in ("mailed_rate", "control_rate", "uplift"):

            def rate(prefix):
                return SQL(
                    "100.0 * SUM(%s) / NULLIF(SUM(%s), 0)",
                    self._field_to_sql(self._table, f"{prefix}_buyer_count", query),
                    self._field_to_sql(self._table, f"{prefix}_count", query),
                )

            if fname == "uplift":
                return SQL(
                    "ROUND(COALESCE(%s, 0) - COALESCE(%s, 0), 1)",
                    rate("mailed"),
                    rate("control"),
                )
            return SQL("ROUND(%s, 1)", rate(fname.split("_")[0]))
        return super()._read_group_select(aggregate_spec, query)
