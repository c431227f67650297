"""Bulk generator of a realistic receivables book, for benchmarks.

    from datagen import generate_book
    stats = generate_book(env, customers=100_000, receivable_lines=1_000_000)

Writes straight into Odoo's tables with ``INSERT ... SELECT`` over
``generate_series`` (no ORM), in the caller's transaction, for one company
that has a chart of accounts:

- ``customers`` companies "Bench Customer <n>";
- invoices spread over ``years`` years up to today, 20 % in a second currency
  (EUR at a fixed rate), 20 % in two installments (due after 30 and 60 days);
- for each installment: paid in full (80 %), paid in part (13 %) or left open,
  by one customer payment dated around its due date (never after today) and
  reconciled with it (``account.partial.reconcile``, and
  ``account.full.reconcile`` when paid in full);
- 5 % of the invoices get an open credit note.

Every receivable line carries the residual Odoo would store, so Odoo's own
figures (``res.partner.credit``, ``amount_residual``) agree with the book.
About 2.25 receivable lines are made per invoice (plus one counterpart line
per move). Returns a dict of what was made. Reproducible: ``seed``.
"""

import time

from odoo.tools import SQL

EUR_RATE = 0.25  # EUR per unit of company currency


def _ids(cr, table, count):
    """Reserve ``count`` ids of ``table``'s sequence; return the first."""
    cr.execute(
        SQL(
            "SELECT setval(pg_get_serial_sequence(%s, 'id'), "
            "nextval(pg_get_serial_sequence(%s, 'id')) + %s - 1) - %s + 1",
            table,
            table,
            count,
            count,
        )
    )
    return cr.fetchone()[0]


def generate_book(
    env, customers, receivable_lines, years=3, seed=0.42, company=None, verbose=True
):
    company = company or env.company
    cr = env.cr
    started = time.time()
    eur = env.ref("base.EUR")
    eur.active = True
    accounts = env["account.account"].with_company(company)
    receivable = accounts.search(
        [
            *accounts._check_company_domain(company),
            ("account_type", "=", "asset_receivable"),
        ],
        limit=1,
    )
    income = accounts.search(
        [*accounts._check_company_domain(company), ("account_type", "=", "income")],
        limit=1,
    )
    journals = env["account.journal"].with_company(company)
    sale = journals.search(
        [*journals._check_company_domain(company), ("type", "=", "sale")], limit=1
    )
    bank = journals.search(
        [*journals._check_company_domain(company), ("type", "=", "bank")], limit=1
    )
    outstanding = (
        bank.inbound_payment_method_line_ids[:1].payment_account_id
        or bank.default_account_id
    )
    env.flush_all()
    invoices = max(1, round(receivable_lines / 2.25))
    params = {
        "company": company.id,
        "currency": company.currency_id.id,
        "eur": eur.id,
        "rate": EUR_RATE,
        "receivable": receivable.id,
        "income": income.id,
        "outstanding": outstanding.id,
        "sale": sale.id,
        "bank": bank.id,
        "days": 365 * years,
        "customers": customers,
        "invoices": invoices,
        "uid": env.uid,
    }

    def run(query, **extra):
        cr.execute(SQL(query, **params, **extra))

    cr.execute(SQL("SELECT setseed(%s)", seed))
    # customers
    first = _ids(cr, "res_partner", customers)
    run(
        """
        INSERT INTO res_partner (id, name, complete_name, active, is_company, type,
            commercial_partner_id, autopost_bills, customer_rank, lang,
            create_uid, write_uid, create_date, write_date)
        SELECT %(first)s + g - 1, 'Bench Customer ' || g, 'Bench Customer ' || g,
               true, true, 'contact', %(first)s + g - 1, 'ask', 1, 'en_US',
               %(uid)s, %(uid)s, now(), now()
          FROM generate_series(1, %(customers)s) g
        """,
        first=first,
    )
    # invoices (one row per installment line), with their payment
    first_move = _ids(cr, "account_move", invoices)
    run(
        """
        CREATE TEMP TABLE bench_inv ON COMMIT DROP AS
        SELECT %(first_move)s + g - 1 AS move_id,
               %(first)s + floor(random() * %(customers)s)::int AS partner_id,
               (current_date - 1 - floor(random() * %(days)s)::int) AS inv_date,
               round((50 + random() * 4950)::numeric, 2) AS amount,
               random() < 0.2 AS foreign_cur,
               CASE WHEN random() < 0.2 THEN 2 ELSE 1 END AS inst,
               random() < 0.05 AS refund
          FROM generate_series(1, %(invoices)s) g
        """,
        first=first,
        first_move=first_move,
    )
    run(
        """
        CREATE TEMP TABLE bench_line ON COMMIT DROP AS
        SELECT i.*, k,
               CASE WHEN k < i.inst THEN round(i.amount / i.inst, 2)
                    ELSE i.amount - round(i.amount / i.inst, 2) * (i.inst - 1) END
                   AS balance,
               i.inv_date + 30 * k AS due,
               random() AS fate, random() AS share,
               (i.inv_date + 30 * k - 10 + floor(random() * 90)::int) AS pay_date
          FROM bench_inv i, generate_series(1, 2) k
         WHERE k <= i.inst
        """
    )
    run(
        """
        ALTER TABLE bench_line ADD COLUMN paid numeric;
        UPDATE bench_line SET paid = CASE
            WHEN pay_date > current_date OR fate >= 0.93 THEN 0
            WHEN fate < 0.8 THEN balance
            ELSE round(balance * (0.3 + share * 0.4)::numeric, 2) END;
        ALTER TABLE bench_line ADD COLUMN cur numeric, ADD COLUMN paid_cur numeric;
        UPDATE bench_line SET
            cur = CASE WHEN foreign_cur THEN round(balance * %(rate)s, 2)
                       ELSE balance END,
            paid_cur = CASE WHEN foreign_cur AND paid = balance
                                THEN round(balance * %(rate)s, 2)
                            WHEN foreign_cur THEN round(paid * %(rate)s, 2)
                            ELSE paid END;
        """
    )
    cr.execute("SELECT count(*) FROM bench_line WHERE paid > 0")
    payments = cr.fetchone()[0]
    cr.execute("SELECT count(*) FROM bench_line WHERE paid > 0 AND paid = balance")
    full = cr.fetchone()[0]
    cr.execute("SELECT count(*) FROM bench_inv WHERE refund")
    refunds = cr.fetchone()[0]
    first_pay = _ids(cr, "account_move", payments)
    first_refund = _ids(cr, "account_move", refunds)
    first_full = _ids(cr, "account_full_reconcile", full)
    run(
        """
        ALTER TABLE bench_line ADD COLUMN pay_move_id int, ADD COLUMN full_id int;
        WITH numbered AS (
            SELECT move_id, k, row_number() OVER (ORDER BY move_id, k) AS r
              FROM bench_line WHERE paid > 0)
        UPDATE bench_line l SET pay_move_id = %(first_pay)s + n.r - 1
          FROM numbered n WHERE n.move_id = l.move_id AND n.k = l.k;
        WITH numbered AS (
            SELECT move_id, k, row_number() OVER (ORDER BY move_id, k) AS r
              FROM bench_line WHERE paid > 0 AND paid = balance)
        UPDATE bench_line l SET full_id = %(first_full)s + n.r - 1
          FROM numbered n WHERE n.move_id = l.move_id AND n.k = l.k;
        ALTER TABLE bench_inv ADD COLUMN refund_move_id int;
        WITH numbered AS (
            SELECT move_id, row_number() OVER (ORDER BY move_id) AS r
              FROM bench_inv WHERE refund)
        UPDATE bench_inv i SET refund_move_id = %(first_refund)s + n.r - 1
          FROM numbered n WHERE n.move_id = i.move_id;
        """,
        first_pay=first_pay,
        first_full=first_full,
        first_refund=first_refund,
    )
    # moves: invoices, payments, credit notes
    run(
        """
        INSERT INTO account_move (id, name, ref, state, move_type, auto_post, date,
            invoice_date, invoice_date_due, journal_id, company_id, currency_id,
            partner_id, commercial_partner_id, amount_total, amount_total_signed,
            create_uid, write_uid, create_date, write_date)
        SELECT move_id, 'BINV/' || move_id, NULL, 'posted', 'out_invoice', 'no',
               inv_date, inv_date, inv_date + 30 * inst, %(sale)s, %(company)s,
               CASE WHEN foreign_cur THEN %(eur)s ELSE %(currency)s END,
               partner_id, partner_id, amount, amount,
               %(uid)s, %(uid)s, now(), now()
          FROM bench_inv;
        INSERT INTO account_move (id, name, state, move_type, auto_post, date,
            journal_id, company_id, currency_id, partner_id, commercial_partner_id,
            create_uid, write_uid, create_date, write_date)
        SELECT pay_move_id, 'BPAY/' || pay_move_id, 'posted', 'entry', 'no', pay_date,
               %(bank)s, %(company)s,
               CASE WHEN foreign_cur THEN %(eur)s ELSE %(currency)s END,
               partner_id, partner_id, %(uid)s, %(uid)s, now(), now()
          FROM bench_line WHERE pay_move_id IS NOT NULL;
        INSERT INTO account_move (id, name, state, move_type, auto_post, date,
            invoice_date, invoice_date_due, journal_id, company_id, currency_id,
            partner_id, commercial_partner_id, reversed_entry_id,
            create_uid, write_uid, create_date, write_date)
        SELECT refund_move_id, 'BREF/' || refund_move_id, 'posted', 'out_refund', 'no',
               LEAST(inv_date + 15, current_date), LEAST(inv_date + 15, current_date),
               LEAST(inv_date + 15, current_date), %(sale)s, %(company)s, %(currency)s,
               partner_id, partner_id, move_id, %(uid)s, %(uid)s, now(), now()
          FROM bench_inv WHERE refund;
        INSERT INTO account_full_reconcile (id, create_uid, write_uid, create_date,
            write_date)
        SELECT full_id, %(uid)s, %(uid)s, now(), now()
          FROM bench_line WHERE full_id IS NOT NULL;
        """
    )
    # journal items; ids come from the table's own sequence
    common = """
        company_id, company_currency_id, journal_id, parent_state, display_type,
        create_uid, write_uid, create_date, write_date"""
    run(
        f"""
        INSERT INTO account_move_line (move_id, name, account_id, partner_id, date,
            date_maturity, currency_id, balance, debit, credit, amount_currency,
            amount_residual, amount_residual_currency, reconciled, full_reconcile_id,
            {common})
        SELECT move_id, 'installment ' || k, %(receivable)s, partner_id, inv_date, due,
               CASE WHEN foreign_cur THEN %(eur)s ELSE %(currency)s END,
               balance, balance, 0, cur, balance - paid, cur - paid_cur,
               paid = balance, full_id,
               %(company)s, %(currency)s, %(sale)s, 'posted', 'payment_term',
               %(uid)s, %(uid)s, now(), now()
          FROM bench_line;
        INSERT INTO account_move_line (move_id, name, account_id, partner_id, date,
            date_maturity, currency_id, balance, debit, credit, amount_currency,
            amount_residual, amount_residual_currency, reconciled, {common})
        SELECT move_id, 'goods', %(income)s, partner_id, inv_date, NULL,
               CASE WHEN foreign_cur THEN %(eur)s ELSE %(currency)s END,
               -amount, 0, amount,
               -(CASE WHEN foreign_cur THEN round(amount * %(rate)s, 2)
                      ELSE amount END),
               0, 0, false,
               %(company)s, %(currency)s, %(sale)s, 'posted', 'product',
               %(uid)s, %(uid)s, now(), now()
          FROM bench_inv;
        INSERT INTO account_move_line (move_id, name, account_id, partner_id, date,
            date_maturity, currency_id, balance, debit, credit, amount_currency,
            amount_residual, amount_residual_currency, reconciled, full_reconcile_id,
            {common})
        SELECT pay_move_id, 'payment', %(receivable)s, partner_id, pay_date, pay_date,
               CASE WHEN foreign_cur THEN %(eur)s ELSE %(currency)s END,
               -paid, 0, paid, -paid_cur, 0, 0, true, full_id,
               %(company)s, %(currency)s, %(bank)s, 'posted', 'payment_term',
               %(uid)s, %(uid)s, now(), now()
          FROM bench_line WHERE pay_move_id IS NOT NULL;
        INSERT INTO account_move_line (move_id, name, account_id, partner_id, date,
            date_maturity, currency_id, balance, debit, credit, amount_currency,
            amount_residual, amount_residual_currency, reconciled, {common})
        SELECT pay_move_id, 'bank', %(outstanding)s, partner_id, pay_date, pay_date,
               CASE WHEN foreign_cur THEN %(eur)s ELSE %(currency)s END,
               paid, paid, 0, paid_cur, paid, paid_cur, false,
               %(company)s, %(currency)s, %(bank)s, 'posted', 'product',
               %(uid)s, %(uid)s, now(), now()
          FROM bench_line WHERE pay_move_id IS NOT NULL;
        INSERT INTO account_move_line (move_id, name, account_id, partner_id, date,
            date_maturity, currency_id, balance, debit, credit, amount_currency,
            amount_residual, amount_residual_currency, reconciled, {common})
        SELECT refund_move_id, r.name, r.account, partner_id,
               LEAST(inv_date + 15, current_date), LEAST(inv_date + 15, current_date),
               %(currency)s, r.sign * round(amount / 4, 2),
               GREATEST(r.sign * round(amount / 4, 2), 0),
               GREATEST(-r.sign * round(amount / 4, 2), 0),
               r.sign * round(amount / 4, 2),
               CASE WHEN r.account = %(receivable)s
                    THEN r.sign * round(amount / 4, 2) ELSE 0 END,
               CASE WHEN r.account = %(receivable)s
                    THEN r.sign * round(amount / 4, 2) ELSE 0 END,
               false, %(company)s, %(currency)s, %(sale)s, 'posted', r.display_type,
               %(uid)s, %(uid)s, now(), now()
          FROM bench_inv,
               (VALUES ('credit note', %(receivable)s, -1, 'payment_term'),
                       ('returned goods', %(income)s, 1, 'product'))
                   AS r(name, account, sign, display_type)
         WHERE refund;
        """
    )
    # reconciliations
    run(
        """
        INSERT INTO account_partial_reconcile (debit_move_id, credit_move_id,
            full_reconcile_id, debit_currency_id, credit_currency_id, amount,
            debit_amount_currency, credit_amount_currency, company_id, max_date,
            create_uid, write_uid, create_date, write_date)
        SELECT inv.id, pay.id, l.full_id, inv.currency_id, pay.currency_id, l.paid,
               l.paid_cur, l.paid_cur, %(company)s, GREATEST(l.inv_date, l.pay_date),
               %(uid)s, %(uid)s, now(), now()
          FROM bench_line l
          JOIN account_move_line inv
            ON inv.move_id = l.move_id AND inv.name = 'installment ' || l.k
          JOIN account_move_line pay
            ON pay.move_id = l.pay_move_id AND pay.account_id = %(receivable)s
         WHERE l.pay_move_id IS NOT NULL;
        """
    )
    cr.execute(
        SQL(
            "SELECT count(*) FROM account_move_line WHERE account_id = %s "
            "AND partner_id >= %s",
            receivable.id,
            first,
        )
    )
    stats = {
        "customers": customers,
        "invoices": invoices,
        "receivable_lines": cr.fetchone()[0],
        "payments": payments,
        "credit_notes": refunds,
        "first_partner_id": first,
        "seconds": round(time.time() - started, 1),
    }
    cr.execute("ANALYZE account_move_line")
    cr.execute("ANALYZE account_partial_reconcile")
    cr.execute("ANALYZE res_partner")
    env.invalidate_all()
    if verbose:
        print(
            "generated: " + ", ".join(f"{key} {value}" for key, value in stats.items())
        )
    return stats
