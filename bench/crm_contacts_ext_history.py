"""Benchmark of the contact History of crm_contacts_ext (crm.history).

Usage (the database is made, with the addons it needs, when missing)::

    python3 bench/crm_contacts_ext_history.py -d crm_bench_contacts_ext \\
        [-n 10000] [--noise 100000]

The salesperson case runs as the demo user: the access of every kind's model
and its record rules are applied (``crm.history._search``).

Inserts (SQL, in one transaction rolled back at the end) a customer company
with a contact person and N events between them — messages, notes, planned
activities, quotations — plus NOISE events of other partners, then opens the
history as the web client's list does (``web_search_read``: first page of 80
lines, newest first, with the total count; then a page deep in the list; then
filtered by kind) and opens one line's document, and compares
it with the obvious alternative: one ORM search per kind of event, read every
record, merge and sort in Python, cut the page.
"""

from common import bench_env, bench_parser, timed

PAGE = 80
# what the list view asks for (web_search_read: search and fetch in one query)
SPEC = {
    "date": {},
    "kind": {},
    "partner_id": {"fields": {"display_name": {}}},
    "name": {},
    "user_id": {"fields": {"display_name": {}}},
    "amount": {},
    "currency_id": {"fields": {"display_name": {}}},
    "res_model": {},
    "res_id": {},
}


def insert_events(env, count, noise):
    Partner = env["res.partner"]
    company = Partner.create({"name": "Bench Customer sp. z o.o.", "is_company": True})
    person = Partner.create({"name": "Jan Benchmarkowy", "parent_id": company.id})
    others = Partner.create(
        [{"name": f"Bench Other {i}", "is_company": True} for i in range(200)]
    )
    params = {
        "company": company.id,
        "person": person.id,
        "others": others.ids,
        "uid": env.uid,
        "rc": env.company.id,
        "currency": env.company.currency_id.id,
        "note": env.ref("mail.mt_note").id,
        "comment": env.ref("mail.mt_comment").id,
        "call": env.ref("mail.mail_activity_data_call").id,
        "model": env["ir.model"]._get_id("res.partner"),
    }

    def messages(n, partners_sql):
        env.cr.execute(
            f"""
            INSERT INTO mail_message (model, res_id, message_type, subtype_id, body,
                   subject, date, author_id, create_uid, write_uid, create_date,
                   write_date)
            SELECT 'res.partner', {partners_sql}, 'comment',
                   CASE WHEN n %% 2 = 0 THEN %(note)s ELSE %(comment)s END,
                   '<p>Bench message ' || n || '</p>', NULL,
                   now() - (n || ' minutes')::interval, 3, %(uid)s, %(uid)s,
                   now(), now()
              FROM generate_series(1, %(n)s) n
            """,
            dict(params, n=n),
        )

    share = count // 10
    messages(
        count - 3 * share, "CASE WHEN n %% 3 = 0 THEN %(person)s ELSE %(company)s END"
    )
    env.cr.execute(
        """
        INSERT INTO mail_activity (res_model_id, res_model, res_id, activity_type_id,
               summary, date_deadline, user_id, active, create_uid, write_uid,
               create_date, write_date)
        SELECT %(model)s, 'res.partner', %(person)s, %(call)s, 'Bench call ' || n,
               current_date + n %% 30, %(uid)s, TRUE, %(uid)s, %(uid)s, now(), now()
          FROM generate_series(1, %(n)s) n
        """,
        dict(params, n=share),
    )
    # sale_stock (installed beside the service addon) adds a required column
    stock = "picking_policy" in env["sale.order"]._fields
    env.cr.execute(
        f"""
        INSERT INTO sale_order (name, partner_id, partner_invoice_id,
               partner_shipping_id, date_order, company_id, currency_id, state,
               amount_total, user_id, create_uid, write_uid, create_date,
               write_date{", picking_policy" if stock else ""})
        SELECT 'BENCH/' || n, %(company)s, %(company)s, %(company)s,
               now() - (n || ' hours')::interval, %(rc)s, %(currency)s,
               CASE WHEN n %% 4 = 0 THEN 'sale' ELSE 'draft' END, n, %(uid)s,
               %(uid)s, %(uid)s, now(), now(){", 'direct'" if stock else ""}
          FROM generate_series(1, %(n)s) n
        """,
        dict(params, n=2 * share),
    )
    # other customers' events, so that the filter has something to filter
    messages(noise, "(%(others)s::int[])[1 + n %% 200]")
    env.cr.execute("ANALYZE mail_message; ANALYZE mail_activity; ANALYZE sale_order")
    return company


def ours(env, company, offset=0, extra=(), user=None):
    History = env["crm.history"].with_user(user) if user else env["crm.history"]
    domain = company.action_open_crm_history()["domain"] + list(extra)
    result = History.web_search_read(
        domain, SPEC, offset=offset, limit=PAGE, count_limit=100_000
    )
    rows = result["records"]
    return result["length"], [(r["date"], r["kind"], r["name"]) for r in rows]


def naive(env, company, offset=0, kinds=None, user=None):
    """One ORM search per kind, every record read, merged and sorted in Python."""
    if user:
        env = env(user=user)
    partners = company._crm_history_partner_ids()
    events = []
    if kinds is None or kinds & {"message", "note"}:
        for m in env["mail.message"].search(
            [
                ("model", "=", "res.partner"),
                ("res_id", "in", partners),
                ("message_type", "in", ("comment", "email", "email_outgoing")),
            ]
        ):
            kind = "note" if m.subtype_id.internal else "message"
            if m.mail_activity_type_id:
                kind = "activity_done"
            events.append((m.date, kind, m.subject or m.body))
    if kinds is None or "activity" in kinds:
        for a in env["mail.activity"].search(
            [("res_model", "=", "res.partner"), ("res_id", "in", partners)]
        ):
            events.append((a.date_deadline, "activity", a.summary))
    if kinds is None or kinds & {"quotation", "order"}:
        for o in env["sale.order"].search([("partner_id", "in", partners)]):
            kind = "order" if o.state == "sale" else "quotation"
            events.append((o.date_order, kind, o.name))
    if kinds is None or kinds & {"invoice", "refund"}:
        for i in env["account.move"].search(
            [
                ("partner_id", "in", partners),
                ("move_type", "in", ("out_invoice", "out_refund")),
                ("state", "=", "posted"),
            ]
        ):
            events.append((i.invoice_date, i.move_type, i.name))
    if kinds is not None:
        events = [e for e in events if e[1] in kinds]
    events.sort(key=lambda e: str(e[0]), reverse=True)
    return len(events), events[offset : offset + PAGE]


def measure(env, func, repeat=3):
    """``(seconds, queries, result)`` of the best of ``repeat`` runs."""
    result, seconds, queries = timed(env, func, runs=repeat)
    return seconds, queries, result


def main():
    parser = bench_parser(__doc__)
    parser.add_argument("-n", "--count", type=int, default=10_000)
    parser.add_argument("--noise", type=int, default=100_000)
    args = parser.parse_args()
    with bench_env(args, ["crm_contacts_ext"]) as env:
        cr = env.cr
        env = env(context={**env.context, "tz": "UTC"})
        company = insert_events(env, args.count, args.noise)
        # a page deep into the History (the 50th of 10,000 events), within it
        page = max(1, min(50, args.count // PAGE // 2))
        cases = [
            ("first page", {}, {}),
            (f"page {page}", {"offset": page * PAGE}, {"offset": page * PAGE}),
            (
                "first page, as a salesperson",
                {"user": env.ref("base.user_demo")},
                {"user": env.ref("base.user_demo")},
            ),
            (
                "quotations and orders only",
                {"extra": [("kind", "in", ("quotation", "order"))]},
                {"kinds": {"quotation", "order"}},
            ),
        ]
        print(
            f"History of a customer with {args.count} events "
            f"({args.noise} events of other partners), {PAGE} lines a page"
        )
        for label, our_kwargs, naive_kwargs in cases:
            t_ours, q_ours, (total, _rows) = measure(
                env, lambda kw=our_kwargs: ours(env, company, **kw)
            )
            t_naive, q_naive, (naive_total, _naive_rows) = measure(
                env, lambda kw=naive_kwargs: naive(env, company, **kw)
            )
            assert total == naive_total, (label, total, naive_total)
            print(
                f"{label:28} ours {t_ours * 1000:8.1f} ms ({q_ours} queries) | "
                f"per-kind ORM + Python sort {t_naive * 1000:8.1f} ms "
                f"({q_naive} queries) | ratio {t_naive / t_ours:5.1f}x | "
                f"{total} lines"
            )
        History = env["crm.history"]
        line = History.search(company.action_open_crm_history()["domain"], limit=1)
        t_open, q_open, action = measure(env, line.action_open_document)
        t_read, q_read, _values = measure(
            env, lambda: line.read(["res_model", "res_id"])
        )
        assert (action["res_model"], action["res_id"]) == (
            _values[0]["res_model"],
            _values[0]["res_id"],
        )
        print(
            f"{'open a line':28} ours {t_open * 1000:8.1f} ms ({q_open} queries) | "
            f"read the line by id {t_read * 1000:8.1f} ms ({q_read} queries) | "
            f"ratio {t_read / t_open:5.1f}x"
        )
        cr.rollback()


if __name__ == "__main__":
    main()
