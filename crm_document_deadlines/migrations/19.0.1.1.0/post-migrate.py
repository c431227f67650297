from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """The correspondence register numbers without gaps; its sequences are
    noupdate data. The next numbers are carried over (Odoo drops the
    PostgreSQL sequences that held them)."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    sequences = env["ir.sequence"].search(
        [
            (
                "code",
                "in",
                ["crm.correspondence.incoming", "crm.correspondence.outgoing"],
            ),
            ("implementation", "=", "standard"),
        ]
    )
    for sequence in sequences:
        ranges = {dr: dr.number_next_actual for dr in sequence.date_range_ids}
        sequence.write(
            {"implementation": "no_gap", "number_next": sequence.number_next_actual}
        )
        for date_range, number_next in ranges.items():
            date_range.number_next = number_next
