from contextlib import contextmanager
from datetime import datetime, timedelta

from odoo.tests import TransactionCase, new_test_user


class VisitsCase(TransactionCase):
    """Customers with people, two sales teams, a salesperson, a colleague, a
    salesperson of another team and a manager; times in Warsaw."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tz="Europe/Warsaw"))
        cls.Partner = cls.env["res.partner"]
        cls.Visit = cls.env["crm.visit"]
        cls.Trip = cls.env["crm.visit.trip"]

        def user(login, groups):
            return new_test_user(
                cls.env, login, groups=groups, lang="en_US", tz="Europe/Warsaw"
            )

        sales = "base.group_user,sales_team.group_sale_salesman"
        cls.salesman = user("visit_salesman", sales)
        cls.colleague = user("visit_colleague", sales)
        cls.stranger = user("visit_stranger", sales)
        cls.manager = user(
            "visit_manager", "base.group_user,sales_team.group_sale_manager"
        )
        cls.employee = user("visit_employee", "base.group_user")
        Team = cls.env["crm.team"]
        cls.team = Team.create(
            {
                "name": "North",
                "member_ids": [(6, 0, (cls.salesman | cls.colleague).ids)],
            }
        )
        cls.other_team = Team.create(
            {"name": "South", "member_ids": [(6, 0, cls.stranger.ids)]}
        )
        cls.meblex = cls.Partner.create(
            {
                "name": "Meblex Test sp. z o.o.",
                "is_company": True,
                "street": "ul. Długa 5",
                "zip": "50-001",
                "city": "Wrocław",
            }
        )
        cls.anna = cls.Partner.create(
            {
                "name": "Anna Nowak",
                "parent_id": cls.meblex.id,
                "email": "anna.nowak@meblex.example.com",
            }
        )
        cls.piotr = cls.Partner.create(
            {
                "name": "Piotr Zieliński",
                "parent_id": cls.meblex.id,
                "email": "piotr@meblex.example.com",
            }
        )
        cls.drewpol = cls.Partner.create(
            {"name": "Drewpol Test S.A.", "is_company": True, "city": "Opole"}
        )
        cls.tomorrow = (datetime.now() + timedelta(days=1)).replace(
            hour=8, minute=0, second=0, microsecond=0
        )

    @classmethod
    def visit(cls, customer, start, hours=1, users=None, **values):
        return cls.Visit.create(
            {
                "customer_id": customer.id,
                "start": start,
                "stop": start + timedelta(hours=hours),
                "user_ids": [(6, 0, (users or cls.salesman).ids)],
                **values,
            }
        )

    @contextmanager
    def assertRefused(self, exception, pattern):
        """Odoo's assertRaises (rolled back to a savepoint), and the message."""
        with self.assertRaises(exception) as caught:
            yield
        self.assertRegex(str(caught.exception), pattern)
