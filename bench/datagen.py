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


# required columns that other installed addons add (stock, sale_stock), with
# the values Odoo gives them by default
ADDED_COLUMNS = {
    "product_template": {"tracking": "'none'", "is_storable": "false"},
    "sale_order": {"picking_policy": "'direct'"},
}


def added_columns(cr, table):
    """``(", col1, col2", ", val1, val2")`` for the ADDED_COLUMNS of ``table``
    that exist in this database, to append to an INSERT's columns and values."""
    cr.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = %s",
        [table],
    )
    present = {name for (name,) in cr.fetchall()}
    columns = {c: v for c, v in ADDED_COLUMNS[table].items() if c in present}
    return (
        "".join(f", {c}" for c in columns),
        "".join(f", {v}" for v in columns.values()),
    )


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


def generate_customers(env, customers, prefix="Bench Customer", contacts=False):
    """Insert ``customers`` companies "<prefix> <n>" with consecutive ids;
    with ``contacts``, every fifth company also gets a contact person (its
    commercial partner is the company), id ``first_contact + n // 5 - 1``.
    Return the first company id (and the first contact id with ``contacts``)."""
    cr = env.cr
    first = _ids(cr, "res_partner", customers)
    cr.execute(
        SQL(
            """
            INSERT INTO res_partner (id, name, complete_name, active, is_company,
                type, commercial_partner_id, autopost_bills, customer_rank, lang,
                create_uid, write_uid, create_date, write_date)
            SELECT %(first)s + g - 1, %(prefix)s || g, %(prefix)s || g,
                   true, true, 'contact', %(first)s + g - 1, 'ask', 1, 'en_US',
                   %(uid)s, %(uid)s, now(), now()
              FROM generate_series(1, %(customers)s) g
            """,
            first=first,
            prefix=f"{prefix} ",
            customers=customers,
            uid=env.uid,
        )
    )
    if not contacts:
        return first
    count = customers // 5
    first_contact = _ids(cr, "res_partner", count)
    cr.execute(
        SQL(
            """
            INSERT INTO res_partner (id, name, complete_name, active, is_company,
                type, parent_id, commercial_partner_id, autopost_bills,
                customer_rank, lang, create_uid, write_uid, create_date,
                write_date)
            SELECT %(first_contact)s + g - 1, 'Buyer ' || g,
                   %(prefix)s || (5 * g) || ', Buyer ' || g, true, false,
                   'contact', %(first)s + 5 * g - 1, %(first)s + 5 * g - 1, 'ask',
                   1, 'en_US', %(uid)s, %(uid)s, now(), now()
              FROM generate_series(1, %(count)s) g
            """,
            first=first,
            first_contact=first_contact,
            prefix=f"{prefix} ",
            count=count,
            uid=env.uid,
        )
    )
    return first, first_contact


def generate_book(
    env,
    customers,
    receivable_lines,
    years=3,
    seed=0.42,
    company=None,
    verbose=True,
    prefix="Bench Customer",
):
    """The book of ``customers`` new companies "<prefix> <n>" (see the
    module's docstring); called again with another prefix, it adds a book of
    new customers beside the first (e.g. to measure how a report grows)."""
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
    first = generate_customers(env, customers, prefix=prefix)
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


def drop_book(env, prefix="Bench Customer"):
    """Remove the books of the customers named "<prefix> ...": their
    invoices, payments and credit notes, reconciliations and the customers,
    each table in one statement. For a superuser, with the foreign-key
    triggers off (the generator writes these tables only): with them,
    deleting 100,000 customers checked every table referring to res_partner
    once per customer, over 15 minutes instead of 30 s."""
    env.flush_all()
    env.cr.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
    superuser = env.cr.fetchone()[0]
    env.cr.execute(
        SQL(
            """
            %(triggers_off)s
            CREATE TEMP TABLE bench_drop_partners ON COMMIT DROP AS
            SELECT id FROM res_partner WHERE name LIKE %(pattern)s;
            CREATE TEMP TABLE bench_drop_moves ON COMMIT DROP AS
            SELECT id FROM account_move
             WHERE partner_id IN (SELECT id FROM bench_drop_partners)
               AND (name LIKE 'BINV/%%' OR name LIKE 'BPAY/%%'
                    OR name LIKE 'BREF/%%');
            CREATE TEMP TABLE bench_drop_lines ON COMMIT DROP AS
            SELECT id, full_reconcile_id FROM account_move_line
             WHERE move_id IN (SELECT id FROM bench_drop_moves);
            ANALYZE bench_drop_partners, bench_drop_moves, bench_drop_lines;
            DELETE FROM account_partial_reconcile
             WHERE debit_move_id IN (SELECT id FROM bench_drop_lines)
                OR credit_move_id IN (SELECT id FROM bench_drop_lines);
            DELETE FROM account_move_line
             WHERE id IN (SELECT id FROM bench_drop_lines);
            DELETE FROM account_full_reconcile WHERE id IN (
                SELECT full_reconcile_id FROM bench_drop_lines
                 WHERE full_reconcile_id IS NOT NULL);
            DELETE FROM account_move WHERE id IN (SELECT id FROM bench_drop_moves);
            DELETE FROM res_partner WHERE id IN (SELECT id FROM bench_drop_partners);
            DROP TABLE bench_drop_partners, bench_drop_moves, bench_drop_lines;
            %(triggers_on)s
            """,
            pattern=f"{prefix} %",
            triggers_off=SQL("SET LOCAL session_replication_role = replica;")
            if superuser
            else SQL(),
            triggers_on=SQL("SET LOCAL session_replication_role = origin;")
            if superuser
            else SQL(),
        )
    )
    env.cr.execute("ANALYZE account_move_line")
    env.cr.execute("ANALYZE account_partial_reconcile")
    env.invalidate_all()


SALES_EUR_RATE = 0.2341  # EUR per unit of company currency on sales orders
SALES_PREFIX = "Bench Sales Customer"


def _sales_params(env, company):
    """What every generated order refers to: currencies, pricelists, tax..."""
    eur = env.ref("base.EUR")
    eur.active = True
    pricelists = env["product.pricelist"].with_company(company)
    domain = [("company_id", "in", [company.id, False])]
    pricelist = {}
    for currency in (company.currency_id, eur):
        pricelist[currency] = pricelists.search(
            [*domain, ("currency_id", "=", currency.id)], limit=1
        ) or pricelists.create(
            {
                "name": f"Bench {currency.name}",
                "currency_id": currency.id,
                "company_id": company.id,
            }
        )
    tax = company.account_sale_tax_id
    team = env["crm.team"].search(
        [("company_id", "in", [company.id, False])], order="sequence, id", limit=1
    )
    env.flush_all()
    return {
        "company": company.id,
        "currency": company.currency_id.id,
        "eur": eur.id,
        "rate": SALES_EUR_RATE,
        "pricelist": pricelist[company.currency_id].id,
        "eur_pricelist": pricelist[eur].id,
        "tax": tax.id or None,
        "tax_rate": tax.amount if tax.amount_type == "percent" else 0.0,
        "team": team.id or None,
        "salesman": env.ref("base.user_admin").id,
        "uom": env.ref("uom.product_uom_unit").id,
        "categ": env.ref("product.product_category_goods", raise_if_not_found=False)
        and env.ref("product.product_category_goods").id,
        "uid": env.uid,
    }


def _bench_products(cr, company_id):
    """(Re)build temp table bench_prod (idx from 0, id, name, price, cost) of
    the generated products, in id order; return their count."""
    cr.execute(
        SQL(
            """
        DROP TABLE IF EXISTS bench_prod;
        CREATE TEMP TABLE bench_prod AS
        SELECT (row_number() OVER (ORDER BY p.id) - 1)::int AS idx, p.id,
               t.name->>'en_US' AS name, t.list_price AS price,
               (p.standard_price->>%s)::numeric AS cost
          FROM product_product p JOIN product_template t ON t.id = p.product_tmpl_id
         WHERE p.default_code LIKE 'BP%%';
        CREATE UNIQUE INDEX ON bench_prod (idx);
        SELECT count(*) FROM bench_prod;
        """,
            str(company_id),
        )
    )
    return cr.fetchone()[0]


def _sales_customers(cr):
    """First id and count of the generated customers, first contact id."""
    cr.execute(
        SQL(
            "SELECT min(id), count(*) FROM res_partner "
            "WHERE name LIKE %s AND is_company",
            f"{SALES_PREFIX} %",
        )
    )
    first, count = cr.fetchone()
    cr.execute(SQL("SELECT min(id) FROM res_partner WHERE parent_id = %s", first + 4))
    return first, count, cr.fetchone()[0]


def _insert_orders(env, params, orders, lines, new):
    """Insert ``orders`` orders with ``lines`` lines in all (at least one
    product line each; one order in 50 also gets a note line, counted in
    ``lines``). Customers are Zipf-like (a few order very often), products
    come 65 % from the order's affinity group of ten (popular groups more
    often) and 35 % from a Zipf-like overall popularity, so frequent pairs
    exist. ``new``: dated today, all confirmed, stamped with the clock
    (``write_date`` later than anything before in the same transaction);
    otherwise spread over ``days`` days up to yesterday (30 % of the
    customers stopped ordering half-way), 4 % cancelled, 4 % quotations."""
    cr = env.cr
    notes = 0 if new else orders // 50
    extra = max(0, lines - notes - orders)
    first_order = _ids(cr, "sale_order", orders)
    groups = max(1, params["products"] // 10)
    values = {
        **params,
        "orders": orders,
        "extra": extra,
        "first_order": first_order,
        "groups": groups,
        "prefix": "BSN" if new else "BSO",
        # created and last written: the clock for new orders (later than
        # anything before in the transaction), else when they were placed
        "stamp": SQL("clock_timestamp() AT TIME ZONE 'UTC'" if new else "date_order"),
    }
    if new:
        state = SQL("'sale'")
        date = SQL(
            "(clock_timestamp() AT TIME ZONE 'UTC') - r_date * interval '6 hours'"
        )
    else:
        state = SQL(
            "CASE WHEN r_state < 0.04 THEN 'cancel' WHEN r_state < 0.08 THEN 'draft' "
            "ELSE 'sale' END"
        )
        # 30 % of the customers stopped ordering half-way through the years
        date = SQL(
            """(current_date - 1 - CASE WHEN (cust * 7) %% 10 < 3
                    THEN %(half)s + floor(r_date * %(half)s)::int
                    ELSE floor(r_date * %(days)s)::int END)::timestamp
               + r_time * interval '24 hours'""",
            half=params["days"] // 2,
            days=params["days"],
        )

    def run(query, **extra_values):
        cr.execute(SQL(query, **values, **extra_values))

    run(
        """
        DROP TABLE IF EXISTS bench_so;
        CREATE TEMP TABLE bench_so AS
        SELECT %(first_order)s + g - 1 AS id, g AS n,
               %(prefix)s || lpad((%(first_order)s + g - 1)::text, 8, '0') AS name,
               CASE WHEN cust %% 5 = 0 AND r_contact < 0.5
                    THEN %(first_contact)s + cust / 5 - 1
                    ELSE %(first_customer)s + cust - 1 END AS partner_id,
               %(first_customer)s + cust - 1 AS commercial_id,
               r_cur < 0.2 AS foreign_cur, %(state)s AS state, %(date)s AS date_order,
               floor(%(groups)s * power(random(), 1.5))::int AS grp
          FROM (SELECT g, LEAST(%(customers)s,
                                1 + floor(%(customers)s * power(random(), 2))::int)
                           AS cust,
                       random() AS r_state, random() AS r_cur, random() AS r_contact,
                       random() AS r_date, random() AS r_time
                  FROM generate_series(1, %(orders)s) g) c;
        CREATE UNIQUE INDEX ON bench_so (n);
        ALTER TABLE bench_so ADD COLUMN stamp timestamp;
        UPDATE bench_so SET stamp = %(stamp)s;
        DROP TABLE IF EXISTS bench_sol;
        CREATE TEMP TABLE bench_sol AS
        SELECT l.*, p.id AS product_id, p.name,
               CASE WHEN l.foreign_cur THEN round(p.price * %(rate)s, 2)
                    ELSE p.price END AS price_unit,
               CASE WHEN l.foreign_cur THEN round(p.cost * %(rate)s, 2)
                    ELSE p.cost END AS cost
          FROM (SELECT o.id AS order_id, o.foreign_cur, o.state, o.partner_id,
                       o.stamp,
                       CASE WHEN random() < 0.65
                            THEN LEAST(%(products)s - 1, o.grp * 10
                                       + floor(10 * power(random(), 1.3))::int)
                            ELSE floor(%(products)s * power(random(), 2))::int
                       END AS idx,
                       1 + floor(12 * power(random(), 3))::int AS qty,
                       CASE WHEN random() < 0.1 THEN 10 ELSE 0 END AS discount
                  FROM (SELECT g AS n FROM generate_series(1, %(orders)s) g
                        UNION ALL
                        SELECT 1 + floor(random() * %(orders)s)::int
                          FROM generate_series(1, %(extra)s)) x
                  JOIN bench_so o ON o.n = x.n) l
          JOIN bench_prod p ON p.idx = l.idx;
        ALTER TABLE bench_sol ADD COLUMN subtotal numeric, ADD COLUMN tax numeric;
        UPDATE bench_sol SET
            subtotal = round(qty * price_unit * (100 - discount) / 100, 2);
        UPDATE bench_sol SET tax = round(subtotal * %(tax_rate)s / 100, 2);
        """,
        state=state,
        date=date,
    )
    so_columns, so_values = added_columns(cr, "sale_order")
    run(
        """
        INSERT INTO sale_order (id, name, state, company_id, partner_id,
            partner_invoice_id, partner_shipping_id, pricelist_id, currency_id,
            currency_rate, user_id, team_id, date_order, validity_date,
            invoice_status, locked, require_signature, require_payment,
            prepayment_percent, amount_untaxed, amount_tax, amount_total, margin,
            margin_percent, create_uid, write_uid, create_date, write_date
            {so_columns})
        SELECT o.id, o.name, o.state, %(company)s, o.partner_id, o.commercial_id,
               o.partner_id,
               CASE WHEN o.foreign_cur THEN %(eur_pricelist)s ELSE %(pricelist)s END,
               CASE WHEN o.foreign_cur THEN %(eur)s ELSE %(currency)s END,
               CASE WHEN o.foreign_cur THEN %(rate)s ELSE 1.0 END,
               %(salesman)s, %(team)s, o.date_order,
               (o.date_order + interval '30 days')::date,
               CASE WHEN o.state = 'sale' THEN 'to invoice' ELSE 'no' END,
               false, false, false, 1.0, s.untaxed, s.tax, s.untaxed + s.tax,
               s.margin, CASE WHEN s.untaxed <> 0 THEN s.margin / s.untaxed END,
               %(uid)s, %(uid)s, o.stamp, o.stamp {so_values}
          FROM bench_so o
          JOIN (SELECT order_id, sum(subtotal) AS untaxed, sum(tax) AS tax,
                       sum(subtotal - cost * qty) AS margin
                  FROM bench_sol GROUP BY order_id) s ON s.order_id = o.id;
        INSERT INTO sale_order_line (order_id, sequence, company_id, currency_id,
            order_partner_id, salesman_id, product_id, product_uom_id, state, name,
            product_uom_qty, price_unit, technical_price_unit, discount,
            price_subtotal, price_tax, price_total, price_reduce_taxexcl,
            price_reduce_taxinc, qty_delivered, qty_invoiced, qty_to_invoice,
            untaxed_amount_invoiced, untaxed_amount_to_invoice, qty_delivered_method,
            invoice_status, customer_lead, is_downpayment, is_expense, is_optional,
            collapse_prices, collapse_composition, purchase_price, margin,
            margin_percent, create_uid, write_uid, create_date, write_date)
        SELECT order_id, 10 * row_number() OVER (PARTITION BY order_id), %(company)s,
               CASE WHEN foreign_cur THEN %(eur)s ELSE %(currency)s END, partner_id,
               %(salesman)s, product_id, %(uom)s, state, name, qty, price_unit,
               price_unit, discount, subtotal, tax, subtotal + tax, subtotal / qty,
               (subtotal + tax) / qty, 0, 0,
               CASE WHEN state = 'sale' THEN qty ELSE 0 END, 0,
               CASE WHEN state = 'sale' THEN subtotal ELSE 0 END, 'manual',
               CASE WHEN state = 'sale' THEN 'to invoice' ELSE 'no' END,
               0, false, false, false, false, false, cost, subtotal - cost * qty,
               (subtotal - cost * qty) / NULLIF(subtotal, 0),
               %(uid)s, %(uid)s, stamp, stamp
          FROM bench_sol;
        INSERT INTO sale_order_line (order_id, sequence, company_id, currency_id,
            order_partner_id, salesman_id, state, display_type, name,
            product_uom_qty, price_unit, customer_lead, create_uid, write_uid,
            create_date, write_date)
        SELECT id, 5, %(company)s,
               CASE WHEN foreign_cur THEN %(eur)s ELSE %(currency)s END, partner_id,
               %(salesman)s, state, 'line_note', 'Deliver on weekdays only', 0, 0, 0,
               %(uid)s, %(uid)s, stamp, stamp
          FROM bench_so WHERE n %% 50 = 0 AND NOT %(new)s;
        """.replace("{so_columns}", so_columns).replace("{so_values}", so_values),
        new=new,
    )
    if params["tax"]:
        run(
            """
            INSERT INTO account_tax_sale_order_line_rel (sale_order_line_id,
                account_tax_id)
            SELECT id, %(tax)s FROM sale_order_line
             WHERE order_id BETWEEN %(first_order)s AND %(first_order)s + %(orders)s - 1
               AND display_type IS NULL
            """
        )
    cr.execute("SELECT count(*), count(*) FILTER (WHERE state = 'sale') FROM bench_so")
    made, confirmed = cr.fetchone()
    cr.execute("SELECT count(*) FROM bench_sol")
    product_lines = cr.fetchone()[0]
    cr.execute("DROP TABLE bench_so; DROP TABLE bench_sol")
    return {
        "orders": made,
        "confirmed": confirmed,
        "lines": product_lines + notes,
        "first_order_id": first_order,
    }


def generate_sales(
    env,
    customers=100_000,
    orders=500_000,
    lines=1_600_000,
    products=2_000,
    years=3,
    seed=0.42,
    company=None,
    verbose=True,
):
    """Insert a sales history in bulk (no ORM), in the caller's transaction:
    ``customers`` companies "Bench Sales Customer <n>" (every fifth with a
    buyer who places half of its orders), ``products`` products "Bench
    Product <n>" (code BP<n>, cost 45-80 % of the price), ``orders`` orders
    "BSO<id>" over ``years`` years with ``lines`` lines in all (see
    ``_insert_orders``), 20 % in EUR at ``SALES_EUR_RATE``, amounts, tax and
    ``sale_margin``'s cost and margin stored as Odoo computes them."""
    company = company or env.company
    cr = env.cr
    started = time.time()
    params = _sales_params(env, company)
    cr.execute(SQL("SELECT setseed(%s)", seed))
    first, first_contact = generate_customers(
        env, customers, prefix=SALES_PREFIX, contacts=True
    )
    first_tmpl = _ids(cr, "product_template", products)
    first_product = _ids(cr, "product_product", products)
    pt_columns, pt_values = added_columns(cr, "product_template")
    cr.execute(
        SQL(
            """
            INSERT INTO product_template (id, name, default_code, type,
                service_tracking, uom_id, categ_id, list_price, sale_ok,
                purchase_ok, active, invoice_policy, expense_policy, sequence,
                is_favorite, has_configurable_attributes, create_uid, write_uid,
                create_date, write_date {pt_columns})
            SELECT %(tmpl)s + g - 1,
                   jsonb_build_object('en_US', 'Bench Product ' || g),
                   'BP' || lpad(g::text, 5, '0'), 'consu', 'no', %(uom)s, %(categ)s,
                   round((5 + 495 * power(random(), 2))::numeric, 2), true, true,
                   true, 'order', 'no', 1, false, false, %(uid)s, %(uid)s, now(),
                   now() {pt_values}
              FROM generate_series(1, %(products)s) g;
            INSERT INTO product_product (id, product_tmpl_id, default_code, active,
                standard_price, combination_indices, create_uid, write_uid,
                create_date, write_date)
            SELECT %(product)s + g - 1, t.id, t.default_code, true,
                   jsonb_build_object(%(company)s::text,
                       round(t.list_price * (0.45 + 0.35 * random())::numeric, 2)),
                   '', %(uid)s, %(uid)s, now(), now()
              FROM generate_series(1, %(products)s) g
              JOIN product_template t ON t.id = %(tmpl)s + g - 1;
            """.replace("{pt_columns}", pt_columns).replace("{pt_values}", pt_values),
            tmpl=first_tmpl,
            product=first_product,
            products=products,
            **{k: params[k] for k in ("uom", "categ", "uid", "company")},
        )
    )
    params.update(
        products=_bench_products(cr, company.id),
        first_customer=first,
        first_contact=first_contact,
        customers=customers,
        days=365 * years,
    )
    stats = _insert_orders(env, params, orders, lines, new=False)
    for table in ("sale_order", "sale_order_line", "res_partner", "product_product"):
        cr.execute(f"ANALYZE {table}")
    env.invalidate_all()
    stats = {
        "customers": customers,
        "products": products,
        **stats,
        "first_partner_id": first,
        "seconds": round(time.time() - started, 1),
    }
    if verbose:
        print("generated: " + ", ".join(f"{k} {v}" for k, v in stats.items()))
    return stats


def new_orders(env, count=5000, lines=None, cancel=100, seed=0.24, company=None):
    """``count`` new confirmed orders of today for the generated customers
    and products (``lines`` lines in all, 3.2 per order by default), and
    ``cancel`` older confirmed orders cancelled; both stamped with the clock.
    Returns what was made, with the ids of the cancelled orders for
    ``undo_new_orders``."""
    company = company or env.company
    cr = env.cr
    params = _sales_params(env, company)
    cr.execute(SQL("SELECT setseed(%s)", seed))
    first, customers, first_contact = _sales_customers(cr)
    params.update(
        products=_bench_products(cr, company.id),
        first_customer=first,
        first_contact=first_contact,
        customers=customers,
        days=1,
    )
    stats = _insert_orders(env, params, count, lines or round(count * 3.2), new=True)
    cr.execute(
        SQL(
            """
            WITH gone AS (
                SELECT id FROM sale_order
                 WHERE company_id = %(company)s AND state = 'sale'
                   AND name LIKE 'BSO%%'
                 ORDER BY random() LIMIT %(cancel)s)
            UPDATE sale_order o SET state = 'cancel', invoice_status = 'no',
                   write_date = clock_timestamp() AT TIME ZONE 'UTC'
              FROM gone WHERE gone.id = o.id
            RETURNING o.id
            """,
            company=company.id,
            cancel=cancel,
        )
    )
    cancelled = [row[0] for row in cr.fetchall()]
    cr.execute(
        SQL(
            """
            UPDATE sale_order_line SET state = 'cancel', invoice_status = 'no',
                   qty_to_invoice = 0, untaxed_amount_to_invoice = 0,
                   write_date = clock_timestamp() AT TIME ZONE 'UTC'
             WHERE order_id = ANY(%s)
            """,
            cancelled,
        )
    )
    env.invalidate_all()
    return {**stats, "cancelled": len(cancelled), "cancelled_ids": cancelled}


def undo_new_orders(env, made):
    """Delete the orders ``new_orders`` made and confirm again the ones it
    cancelled (as ``generate_sales`` wrote them)."""
    env.cr.execute(
        SQL(
            """
            DELETE FROM sale_order WHERE name LIKE 'BSN%%';
            UPDATE sale_order SET state = 'sale', invoice_status = 'to invoice',
                   write_date = create_date
             WHERE id = ANY(%(ids)s);
            UPDATE sale_order_line SET state = 'sale', invoice_status = 'to invoice',
                   qty_to_invoice = product_uom_qty,
                   untaxed_amount_to_invoice = price_subtotal,
                   write_date = create_date
             WHERE order_id = ANY(%(ids)s) AND display_type IS NULL;
            UPDATE sale_order_line SET state = 'sale', write_date = create_date
             WHERE order_id = ANY(%(ids)s) AND display_type IS NOT NULL;
            """,
            ids=made["cancelled_ids"],
        )
    )
    env.invalidate_all()


def drop_sales(env):
    """Remove everything ``generate_sales`` and ``new_orders`` made."""
    cr = env.cr
    cr.execute(
        """
        DELETE FROM sale_order WHERE name LIKE 'BSO%%' OR name LIKE 'BSN%%';
        DELETE FROM product_product WHERE default_code LIKE 'BP%%';
        DELETE FROM product_template WHERE default_code LIKE 'BP%%';
        """
    )
    cr.execute(
        SQL(
            "DELETE FROM res_partner WHERE commercial_partner_id IN ("
            "SELECT id FROM res_partner WHERE name LIKE %s AND is_company)"
            " AND NOT is_company",
            f"{SALES_PREFIX} %",
        )
    )
    cr.execute(SQL("DELETE FROM res_partner WHERE name LIKE %s", f"{SALES_PREFIX} %"))
    env.invalidate_all()
