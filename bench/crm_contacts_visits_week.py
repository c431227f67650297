"""Benchmark of the week of the team of crm_contacts_visits (crm.team.week).

Usage (the database is made, with the addons it needs, when missing)::

    python3 bench/crm_contacts_visits_week.py -d crm_bench_visits \\
        [--users 200] [--visits 100000]

Inserts (SQL, in one transaction rolled back at the end) USERS salespeople,
VISITS visits a year spread over their working days (each a calendar event
with its user as attendee, a tenth with a second user), a meeting for every
four visits and a one-day trip for every five, then opens a week in the
middle of the year as a manager (record rules applied, not the superuser):

- the calendar of the week of the team (``web_search_read`` of the week's
  lines: visits, trips, meetings, one per user and item), and the list
  grouped by user (``web_read_group``);
- beside it Odoo's calendar reading the same events (``calendar.event``
  ``web_search_read`` with the fields its calendar view reads, the users'
  partners as attendees), then the visits of those events to know the
  customers — and Python to put them per user.

Both give the same (event, user) pairs, or the report says MISMATCH; the
private meetings are compared apart (Odoo's read hides other people's
private attendees, so it has fewer of them).
"""

from datetime import datetime, timedelta

from common import bench_env, bench_parser, ratio, report_time, timed

WEEK_SPEC = {
    "kind": {},
    "display_name": {},
    "start": {},
    "stop": {},
    "allday": {},
    "user_id": {"fields": {"display_name": {}}},
    "partner_id": {"fields": {"display_name": {}}},
    "city": {},
    "res_model": {},
    "res_id": {},
}
# the fields Odoo's calendar view of calendar.event reads
CALENDAR_SPEC = {
    "name": {},
    "start": {},
    "stop": {},
    "allday": {},
    "duration": {},
    "user_id": {"fields": {"display_name": {}}},
    "partner_ids": {"fields": {"display_name": {}}},
    "attendees_count": {},
    "accepted_count": {},
    "declined_count": {},
    "user_can_edit": {},
    "is_highlighted": {},
    "privacy": {},
    "effective_privacy": {},
    "res_model": {},
    "res_id": {},
}


def insert_data(env, users_count, visits):
    cr = env.cr
    company = env.company
    users = (
        env["res.users"]
        .with_context(
            no_reset_password=True, mail_create_nolog=True, tracking_disable=True
        )
        .create(
            [
                {
                    "name": f"Bench Seller {i:03d}",
                    "login": f"bench_seller_{i:03d}",
                    "group_ids": [
                        (6, 0, [env.ref("sales_team.group_sale_salesman").id])
                    ],
                }
                for i in range(users_count)
            ]
        )
    )
    customers = env["res.partner"].create(
        [
            {
                "name": f"Bench Customer {i:04d}",
                "is_company": True,
                "city": f"City {i % 50}",
            }
            for i in range(500)
        ]
    )
    params = {
        "users": users.ids,
        "customers": customers.ids,
        "n": visits,
        "meetings": visits // 4,
        "trips": visits // 5,
        "year": datetime(datetime.now().year, 1, 1),
        "company": company.id,
        "uid": env.uid,
    }
    # working hours of the year's days: visit g at day g*365/n, 8:00 + (g % 9) h
    cr.execute(
        """
        INSERT INTO calendar_event (name, start, stop, duration, allday, active,
                                    show_as, privacy, user_id, create_uid, write_uid,
                                    create_date, write_date)
        SELECT 'BV ' || g, ts, ts + interval '1 hour', 1, false, true, 'busy',
               'public', (%(users)s::int[])[1 + g %% cardinality(%(users)s::int[])],
               %(uid)s, %(uid)s, now(), now()
          FROM generate_series(1, %(n)s) g,
               LATERAL (SELECT %(year)s::timestamp
                               + floor(g * 365.0 / %(n)s) * interval '1 day'
                               + (8 + g %% 9) * interval '1 hour' AS ts) s
        """,
        params,
    )
    cr.execute(
        """
        INSERT INTO calendar_event (name, start, stop, duration, allday, active,
                                    show_as, privacy, user_id, create_uid, write_uid,
                                    create_date, write_date)
        SELECT 'BM ' || g, ts, ts + interval '30 minutes', 0.5, false, true, 'busy',
               CASE WHEN g %% 10 = 0 THEN 'private' ELSE 'public' END,
               (%(users)s::int[])[1 + g %% cardinality(%(users)s::int[])],
               %(uid)s, %(uid)s, now(), now()
          FROM generate_series(1, %(meetings)s) g,
               LATERAL (SELECT %(year)s::timestamp
                               + floor(g * 365.0 / %(meetings)s) * interval '1 day'
                               + interval '7 hours' AS ts) s
        """,
        params,
    )
    cr.execute(
        """
        INSERT INTO crm_visit (event_id, customer_id, company_id, origin, visit_state,
                               trip_sequence, city, km, create_uid, write_uid,
                               create_date, write_date)
        SELECT e.id,
               (%(customers)s::int[])[1 + e.id %% cardinality(%(customers)s::int[])],
               %(company)s, 'company', 'planned', 10, 'City ' || (e.id %% 50), 0,
               %(uid)s, %(uid)s, now(), now()
          FROM calendar_event e WHERE e.name LIKE 'BV %%'
        """,
        params,
    )
    # the users going (a tenth of the visits with a second one), as attendees
    cr.execute(
        """
        INSERT INTO crm_visit_user_rel (visit_id, user_id)
        SELECT v.id, e.user_id FROM crm_visit v
          JOIN calendar_event e ON e.id = v.event_id
         WHERE e.name LIKE 'BV %%'
        UNION
        SELECT v.id, (%(users)s::int[])[1 + (e.id + 7) %% cardinality(%(users)s::int[])]
          FROM crm_visit v JOIN calendar_event e ON e.id = v.event_id
         WHERE e.name LIKE 'BV %%' AND v.id %% 10 = 0;
        INSERT INTO calendar_event_res_partner_rel (calendar_event_id, res_partner_id)
        SELECT v.event_id, u.partner_id FROM crm_visit_user_rel r
          JOIN crm_visit v ON v.id = r.visit_id JOIN res_users u ON u.id = r.user_id
          JOIN calendar_event e ON e.id = v.event_id WHERE e.name LIKE 'BV %%'
        UNION
        SELECT e.id, u.partner_id FROM calendar_event e
          JOIN res_users u ON u.id = e.user_id
         WHERE e.name LIKE 'BM %%';
        INSERT INTO calendar_attendee (event_id, partner_id, state, common_name,
                                       create_uid, write_uid, create_date, write_date)
        SELECT r.calendar_event_id, r.res_partner_id, 'accepted', 'bench',
               %(uid)s, %(uid)s, now(), now()
          FROM calendar_event_res_partner_rel r
          JOIN calendar_event e ON e.id = r.calendar_event_id
         WHERE e.name LIKE 'BV %%' OR e.name LIKE 'BM %%';
        """,
        params,
    )
    cr.execute(
        """
        WITH t AS (
            INSERT INTO crm_visit_trip (name, company_id, vehicle_type, trip_state,
                                        date_start, date_end, km_planned, km_return,
                                        create_uid, write_uid, create_date, write_date)
            SELECT 'BT ' || g, %(company)s, 'company_car', 'confirmed', ts,
                   ts + interval '10 hours', 100, 0, %(uid)s, %(uid)s, now(), now()
              FROM generate_series(1, %(trips)s) g,
                   LATERAL (SELECT %(year)s::timestamp
                                   + floor(g * 365.0 / %(trips)s) * interval '1 day'
                                   + interval '6 hours' AS ts) s
            RETURNING id
        )
        INSERT INTO crm_visit_trip_user_rel (trip_id, user_id)
        SELECT t.id, (%(users)s::int[])[1 + t.id %% cardinality(%(users)s::int[])]
          FROM t
        """,
        params,
    )
    cr.execute(
        "ANALYZE calendar_event, calendar_attendee, calendar_event_res_partner_rel,"
        " crm_visit, crm_visit_user_rel, crm_visit_trip, crm_visit_trip_user_rel"
    )
    env.invalidate_all()
    return users


def main():
    parser = bench_parser(__doc__)
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--visits", type=int, default=100_000)
    args = parser.parse_args()
    with bench_env(
        args, ["crm_contacts_visits"], context={"tz": "UTC", "lang": "en_US"}
    ) as env:
        users = insert_data(env, args.users, args.visits)
        manager = env.ref("base.user_admin")
        env_m = env(user=manager, su=False)
        year = datetime.now().year
        week_start = datetime(year, 7, 1) - timedelta(
            days=datetime(year, 7, 1).weekday()
        )
        week_end = week_start + timedelta(days=7)
        users_domain = [("user_id", "in", users.ids)]
        week = [("start", "<", week_end), ("stop", ">=", week_start)]
        Week = env_m["crm.team.week"]

        def ours_calendar():
            return Week.web_search_read(week + users_domain, WEEK_SPEC)["records"]

        def ours_list():
            return Week.web_read_group(week + users_domain, ["user_id"], ["__count"])

        def odoo_calendar():
            events = env_m["calendar.event"].web_search_read(
                week + [("partner_ids", "in", users.partner_id.ids)], CALENDAR_SPEC
            )["records"]
            visits = env_m["crm.visit"].search_read(
                [("event_id", "in", [e["id"] for e in events])],
                ["event_id", "customer_id", "city"],
            )
            by_event = {v["event_id"][0]: v for v in visits}
            user_of = {u.partner_id.id: u.id for u in users}
            lines = []
            for event in events:
                for partner in event["partner_ids"]:
                    if partner["id"] in user_of:
                        lines.append(
                            (
                                event["id"],
                                user_of[partner["id"]],
                                by_event.get(event["id"]),
                            )
                        )
            return lines

        print(
            f"The week of the team: {args.users} users, {args.visits} visits a year, "
            f"{args.visits // 4} meetings, {args.visits // 5} trips; the week of "
            f"{week_start:%Y-%m-%d}, as a manager"
        )
        rows, t_ours, q_ours = timed(env, ours_calendar, runs=3)
        report_time(f"ours: calendar of the week ({len(rows)} lines)", t_ours, q_ours)
        groups, t_list, q_list = timed(env, ours_list, runs=3)
        report_time(
            f"ours: list grouped by user ({len(groups['groups'])} users)",
            t_list,
            q_list,
        )
        lines, t_odoo, q_odoo = timed(env, odoo_calendar, runs=3)
        report_time(f"Odoo's calendar + visits ({len(lines)} pairs)", t_odoo, q_odoo)
        # Odoo's read hides the attendees of other people's private meetings
        # (its calendar shows them as the organiser's only); ours shows each
        # attendee busy. Compare the rest, and count the private ones apart.
        env.cr.execute(
            "SELECT id FROM calendar_event "
            "WHERE privacy = 'private' AND name LIKE 'BM %'"
        )
        private = {row[0] for row in env.cr.fetchall()}
        ours_pairs = {
            (row["res_id"], row["user_id"]["id"])
            for row in rows
            if row["kind"] == "meeting" and row["res_id"] not in private
        }
        odoo_pairs = {(e, u) for e, u, v in lines if v is None and e not in private}
        ours_private = sum(
            1 for row in rows if row["kind"] == "meeting" and row["res_id"] in private
        )
        visit_ours = sum(1 for row in rows if row["kind"] == "visit")
        visit_odoo = sum(1 for _e, _u, v in lines if v is not None)
        if ours_pairs != odoo_pairs or visit_ours != visit_odoo:
            print(
                f"MISMATCH: meetings {len(ours_pairs)} / {len(odoo_pairs)}, "
                f"visits {visit_ours} / {visit_odoo}"
            )
        else:
            print(
                f"  same lines: {visit_ours} visits and {len(ours_pairs)} meetings "
                f"per user; {ours_private} lines of private meetings (shown busy, "
                "untitled) that Odoo's read leaves out"
            )
        print(f"ratio  Odoo's calendar / ours  {ratio(t_odoo, t_ours)}")
        env.cr.rollback()


if __name__ == "__main__":
    main()
