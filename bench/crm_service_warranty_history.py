"""Benchmark of a device's history and warranty lookup in crm_service_warranty.

Usage (the database is made, with the addons it needs, when missing)::

    python3 bench/crm_service_warranty_history.py -d crm_bench_service_warranty \\
        [-n 100000] [-m 1000000]

Inserts N serial numbers and M done stock move lines (SQL, one transaction,
rolled back at the end), then measures:
* the device history screen of one serial (``crm.service.device.history``
  searched by serial), with the indexes on ``lot_id``, against the same
  search without them (what the table would do without indexes);
* refreshing delivery date, customer and warranty of 10,000 serials with
  ``stock.lot._update_delivery`` (one indexed query), against the obvious
  alternative: one ORM search of the last delivery per serial in a loop.
"""

import random
import time

from common import bench_env, bench_parser, timed

from odoo.tools import SQL


def insert_data(env, lots, lines):
    product = env.ref("crm_service_warranty.product_espresso_machine")
    stock = env.ref("stock.stock_location_stock").id
    customers = env.ref("stock.stock_location_customers").id
    env.cr.execute(
        """
        INSERT INTO stock_lot (name, product_id, company_id, create_uid, write_uid,
                               create_date, write_date)
        SELECT 'BENCH-' || n, %(product)s, %(company)s, 1, 1, now(), now()
          FROM generate_series(1, %(lots)s) n
        RETURNING id
        """,
        {"product": product.id, "company": env.company.id, "lots": lots},
    )
    lot_ids = [row[0] for row in env.cr.fetchall()]
    # every serial moves in, out to a customer, back... one line in three is a delivery
    env.cr.execute(
        """
        INSERT INTO stock_move_line (company_id, product_id, product_uom_id, lot_id,
               location_id, location_dest_id, date, state, quantity,
               create_uid, write_uid, create_date, write_date)
        SELECT %(company)s, %(product)s, %(uom)s, %(first)s + (n %% %(lots)s),
               CASE WHEN n %% 3 = 1 THEN %(stock)s ELSE %(customers)s END,
               CASE WHEN n %% 3 = 1 THEN %(customers)s ELSE %(stock)s END,
               now() - (n %% 2000) * interval '1 day', 'done', 1, 1, 1, now(), now()
          FROM generate_series(1, %(lines)s) n
        """,
        {
            "company": env.company.id,
            "product": product.id,
            "uom": product.uom_id.id,
            "first": lot_ids[0],
            "lots": lots,
            "lines": lines,
            "stock": stock,
            "customers": customers,
        },
    )
    env.cr.execute("ANALYZE stock_lot")
    env.cr.execute("ANALYZE stock_move_line")
    return env["stock.lot"].browse(lot_ids)


def history_lookup(env, lot_ids):
    History = env["crm.service.device.history"]
    start = time.perf_counter()
    rows = 0
    for lot_id in lot_ids:
        env.invalidate_all()
        # as the web client's list does: one query for the ids and the columns
        rows += len(
            History.search_fetch(
                [("lot_id", "=", lot_id)], ["date", "kind", "name", "ticket_id"]
            )
        )
    return (time.perf_counter() - start) / len(lot_ids), rows / len(lot_ids)


def naive_update(env, lots):
    """What one writes first: ask the ORM for each serial's last delivery."""
    MoveLine = env["stock.move.line"]
    for lot in lots:
        line = MoveLine.search(
            [
                ("lot_id", "=", lot.id),
                ("state", "=", "done"),
                ("location_dest_id.usage", "=", "customer"),
            ],
            order="date desc, id desc",
            limit=1,
        )
        lot.write(
            {
                "delivery_date": line.date and line.date.date(),
                "delivery_partner_id": line.picking_id.partner_id.id,
            }
        )


def measure(env, func):
    """Seconds of one run (``common.timed``)."""
    return timed(env, func)[1]


def main():
    parser = bench_parser(__doc__)
    parser.add_argument("-n", "--lots", type=int, default=100_000)
    parser.add_argument("-m", "--lines", type=int, default=1_000_000)
    parser.add_argument("--explain", action="store_true", help="print the plan")
    args = parser.parse_args()
    with bench_env(args, ["crm_service_warranty"]) as env:
        cr = env.cr
        env = env(context={**env.context, "tz": "UTC"})
        start = time.perf_counter()
        lots = insert_data(env, args.lots, args.lines)
        print(
            f"inserted {args.lots} serials and {args.lines} move lines "
            f"in {time.perf_counter() - start:.1f} s"
        )
        sample = random.Random(5).sample(lots.ids, 200)

        t_hist, rows = history_lookup(env, sample)
        if args.explain:
            query = env["crm.service.device.history"]._search(
                [("lot_id", "=", sample[0])], order="date desc, id desc"
            )
            env.cr.execute(SQL("EXPLAIN ANALYZE %s", query.select()))
            print("\n".join(row[0] for row in env.cr.fetchall()))
        batch = lots[:10_000]
        t_ours = measure(env, batch._update_delivery)
        delivered = batch.filtered("delivery_date")
        env.cr.execute(
            "UPDATE stock_lot SET delivery_date = NULL WHERE id = ANY(%s)", [batch.ids]
        )
        t_naive = measure(env, lambda: naive_update(env, batch))

        # the same history lookups with no index on the serial of move lines
        env.cr.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'stock_move_line' "
            "AND indexdef LIKE '%%(lot_id%%'"
        )
        for (index,) in env.cr.fetchall():
            env.cr.execute(f'DROP INDEX "{index}"')
        t_hist_noindex, rows_noindex = history_lookup(env, sample[:5])
        cr.rollback()

    print(
        f"ours   device history of one serial: {t_hist * 1000:.1f} ms "
        f"({rows:.0f} rows, average of 200 serials)"
    )
    print(
        f"without indexes on lot_id: {t_hist_noindex * 1000:.1f} ms "
        f"({rows_noindex:.0f} rows, average of 5 serials)"
    )
    print(f"ratio  without / with indexes: {t_hist_noindex / t_hist:.0f}x")
    print(
        f"ours   delivery and warranty of 10,000 serials (one query): {t_ours:.2f} s "
        f"({len(delivered)} delivered)"
    )
    print(f"naive  one ORM search per serial: {t_naive:.2f} s")
    print(f"ratio  naive / ours: {t_naive / t_ours:.1f}x")


if __name__ == "__main__":
    main()
