"""Benchmark of the daily document cron of crm_document_deadlines.

Usage (the database is made, with the addons it needs, when missing)::

    python3 bench/crm_document_deadlines_cron.py -d crm_bench_document_deadlines \\
        [-n 100000]

Inserts N documents (SQL), then runs in one transaction, rolled back at the end:
* ours: ``_cron_update_states`` (one SQL selection of the documents whose status
  changes, recomputation in batches of 1,000) and ``_cron_send_reminders``;
* the obvious alternative: browse every document in Python, write changed statuses.
Prints time and queries per 1,000 documents and the ratio.
"""

from datetime import date

from common import bench_env, bench_parser, timed

TODAY = date.today()


def insert_documents(env, count):
    type_id = env.ref("crm_document_deadlines.document_type_contract").id
    env.cr.execute(
        """
        INSERT INTO crm_document (name, title, type_id, company_id, user_id, confirmed,
               valid_from, valid_to, reminder_days, notice_days, renewal_months,
               reminder_date, notice_deadline, notice_reminder_date, expiring_from,
               state, version, create_uid, write_uid, create_date, write_date)
        SELECT 'BENCH/' || n, 'Bench document ' || n, %(type)s, %(company)s, %(user)s,
               TRUE, d - 365, d, 30, 60, 12,
               d - 30, d - 60, d - 90, d - 60,
               'active', 1, 1, 1, now(), now()
          FROM (SELECT n, (%(today)s::date - 400 + (n %% 1200))::date AS d
                  FROM generate_series(1, %(count)s) n) s
        """,
        {
            "type": type_id,
            "company": env.company.id,
            "user": env.ref("base.user_admin").id,
            "today": TODAY,
            "count": count,
        },
    )


def reset_states(env):
    env.cr.execute(
        "UPDATE crm_document SET state = 'active', expiry_reminded = FALSE, "
        "notice_reminded = FALSE WHERE name LIKE 'BENCH/%%'"
    )
    env.invalidate_all()


def measure(env, func):
    """``(seconds, queries, result)`` of one run (``common.timed``)."""
    result, seconds, queries = timed(env, func)
    return seconds, queries, result


def naive(env):
    """What one writes first: loop over every document in Python."""
    Document = env["crm.document"]
    changed = 0
    for doc in Document.search([]):
        if not doc.confirmed:
            state = "draft"
        elif doc.terminated_on:
            state = "terminated"
        elif doc.valid_to and doc.valid_to < TODAY:
            state = "expired"
        elif doc.expiring_from and doc.expiring_from <= TODAY:
            state = "expiring"
        else:
            state = "active"
        if doc.state != state:
            doc.write({"state": state})
            changed += 1
    return changed


def main():
    parser = bench_parser(__doc__)
    parser.add_argument("-n", "--count", type=int, default=100_000)
    args = parser.parse_args()
    with bench_env(args, ["crm_document_deadlines"]) as env:
        cr = env.cr
        env = env(context={**env.context, "tz": "UTC"})
        Document = env["crm.document"]
        insert_documents(env, args.count)
        per = args.count / 1000

        t_state, q_state, changed = measure(env, lambda: Document._cron_update_states())
        t_rem, q_rem, sent = measure(env, lambda: Document._cron_send_reminders(TODAY))
        t_again, q_again, again = measure(
            env,
            lambda: (
                Document._cron_update_states(),
                Document._cron_send_reminders(TODAY),
            ),
        )
        reset_states(env)
        t_naive, q_naive, naive_changed = measure(env, lambda: naive(env))
        assert naive_changed == changed, (naive_changed, changed)
        cr.rollback()

    print(f"{args.count} documents, {changed} status changes, {sent} reminders")
    print(
        f"ours   status cron: {t_state:.2f} s, {q_state} queries "
        f"({t_state / per * 1000:.1f} ms, {q_state / per:.1f} queries "
        "per 1,000 documents)"
    )
    print(
        f"ours   reminder cron: {t_rem:.2f} s, {q_rem} queries "
        f"({t_rem / per * 1000:.1f} ms, {q_rem / per:.1f} queries per 1,000 documents)"
    )
    print(
        f"ours   re-run (nothing to do): {t_again:.2f} s, {q_again} queries, "
        f"changes {again[0]}, new reminders {again[1]}"
    )
    print(
        f"naive  Python loop over all documents: {t_naive:.2f} s, {q_naive} queries "
        f"({t_naive / per * 1000:.1f} ms per 1,000 documents)"
    )
    print(f"ratio  naive / ours (status): {t_naive / t_state:.1f}x")


if __name__ == "__main__":
    main()
