"""Every menu of the suite opens for every user who sees it: what the web
client asks for when a user clicks a menu (the action, its views, the first
page of the list and kanban, the groups of the pivot and graph) and when they
pick a filter or a group-by of its search view."""

from pathlib import Path

from dateutil.relativedelta import relativedelta
from lxml import etree

from odoo import fields
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools.safe_eval import datetime, safe_eval, time

ROOT = Path(__file__).resolve().parent.parent
ADDONS = sorted(p.parent.name for p in ROOT.glob("*/__manifest__.py"))
RELATIONAL = ("many2one", "one2many", "many2many")
# the users of the README, by the groups that give them their menus
USERS = {
    "employee": "base.group_user",
    "salesperson": "sales_team.group_sale_salesman",
    "sales manager": "sales_team.group_sale_manager",
    "accountant": "account.group_account_invoice",
    "helpdesk user": "helpdesk_mgmt.group_helpdesk_user",
    "helpdesk manager": "helpdesk_mgmt.group_helpdesk_manager",
}


@tagged("post_install", "-at_install")
class TestMenus(TransactionCase):
    def _eval_context(self, user):
        today = fields.Date.context_today(self.env["res.partner"].with_user(user))
        return {
            "uid": user.id,
            "user": user,
            "active_id": False,
            "active_ids": [],
            "allowed_company_ids": user.company_ids.ids,
            "current_company_id": user.company_id.id,
            "context_today": lambda: today,
            "datetime": datetime,
            "relativedelta": relativedelta,
            "time": time,
        }

    def _action_model_domain(self, action, user):
        """The action's model as the user opens it (context, language) and
        its domain, evaluated as the web client does (also for other test
        classes, hence TestMenus' own evaluation context)."""
        eval_context = TestMenus._eval_context(self, user)
        context = safe_eval(action.get("context") or "{}", eval_context)
        domain = safe_eval(action.get("domain") or "[]", eval_context)
        model = (
            self.env[action["res_model"]]
            .with_user(user)
            .with_context(context, lang=user.lang)
        )
        return model, domain

    @staticmethod
    def _spec(model, arch):
        """The fields of an arch as the web client reads them."""
        spec = {}
        for node in arch.iter("field"):
            if any(parent.tag == "field" for parent in node.iterancestors()):
                continue
            field = model._fields.get(node.get("name"))
            if field and field.type != "properties":
                spec[field.name] = (
                    {"fields": {"display_name": {}}} if field.type in RELATIONAL else {}
                )
        return spec

    @staticmethod
    def _groupby(model, name, interval=None):
        """A group-by as the web client sends it: dates by month unless the
        view says otherwise."""
        if model._fields[name].type in ("date", "datetime"):
            return f"{name}:{interval or 'month'}"
        return name

    def _open(self, user, action):
        """What the web client does when ``user`` opens ``action``; raises
        what the user would see as an error."""
        model, domain = self._action_model_domain(action, user)
        eval_context = self._eval_context(user)
        views = [(view_id, view_type) for view_id, view_type in action["views"]]
        search_view = action.get("search_view_id")
        views.append((search_view and search_view[0], "search"))
        loaded = model.get_views(views)["views"]
        for view_type, view in loaded.items():
            arch = etree.fromstring(view["arch"])
            if view_type in ("list", "kanban"):
                records = model.web_search_read(
                    domain, self._spec(model, arch), limit=80
                )["records"]
                if records and "form" in loaded:
                    form = etree.fromstring(loaded["form"]["arch"])
                    model.browse(records[0]["id"]).web_read(self._spec(model, form))
            elif view_type in ("pivot", "graph"):
                groupby = [
                    self._groupby(model, node.get("name"), node.get("interval"))
                    for node in arch.iter("field")
                    if node.get("type") in ("row", "col")
                ]
                measures = ["__count"] + [
                    f"{node.get('name')}:{model._fields[node.get('name')].aggregator}"
                    for node in arch.iter("field")
                    if node.get("type") == "measure"
                    and model._fields[node.get("name")].aggregator
                ]
                model.formatted_read_group(domain, groupby[:1], measures)
            elif view_type == "search":
                for node in arch.iter("filter"):
                    if node.get("domain"):
                        model.search_count(
                            domain + safe_eval(node.get("domain"), eval_context)
                        )
                    group_by = safe_eval(node.get("context") or "{}", eval_context).get(
                        "group_by"
                    )
                    if group_by:
                        model.formatted_read_group(
                            domain,
                            [
                                self._groupby(model, *spec.split(":"))
                                for spec in (
                                    [group_by]
                                    if isinstance(group_by, str)
                                    else group_by
                                )
                            ],
                            ["__count"],
                        )

    @staticmethod
    def _window(menu):
        return bool(menu.action) and menu.action._name == "ir.actions.act_window"

    def test_every_menu_opens_for_its_users(self):
        data = self.env["ir.model.data"].search(
            [("model", "=", "ir.ui.menu"), ("module", "in", ADDONS)]
        )
        menus = self.env["ir.ui.menu"].browse(data.mapped("res_id")).exists()
        # the administrator in English, the others in Polish
        self.env["res.lang"]._activate_lang("pl_PL")
        users = {"administrator": self.env.ref("base.user_admin")}
        users.update(
            (
                name,
                new_test_user(
                    self.env, login=f"menus_{index}", groups=group, lang="pl_PL"
                ),
            )
            for index, (name, group) in enumerate(USERS.items())
        )
        users.update(self._lone_users())
        opened = set()
        for name, user in users.items():
            visible = self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
            for menu in menus:
                if menu.id not in visible or not self._window(menu):
                    continue
                action = menu.action.sudo()._get_action_dict()
                with self.subTest(user=name, menu=menu.complete_name):
                    self._open(user, action)
                    opened.add(menu.id)
        # each window menu of the suite is seen by one of these users
        self.assertEqual(
            opened,
            set(menus.filtered(self._window).ids),
        )

    def _lone_users(self):
        """A user with what a new internal user gets (Odoo's default groups)
        and one user per group of the suite, alone on top of base.group_user."""
        self.env["res.lang"]._activate_lang("pl_PL")
        Users = self.env["res.users"].with_context(no_reset_password=True)
        users = {
            "default user": Users.create(
                {
                    "name": "Default user",
                    "login": "forms_default",
                    "lang": "pl_PL",
                    "group_ids": [(6, 0, Users._default_groups().ids)],
                }
            )
        }
        data = self.env["ir.model.data"].search(
            [("model", "=", "res.groups"), ("module", "in", ADDONS)]
        )
        for index, group in enumerate(
            self.env["res.groups"].browse(data.mapped("res_id"))
        ):
            users[f"only {group.display_name}"] = new_test_user(
                self.env,
                login=f"forms_{index}",
                groups=f"base.group_user,{group.get_external_id()[group.id]}",
                lang="pl_PL",
            )
        return users

    def test_every_extended_form_opens_for_every_user(self):
        """Every form of Odoo's that our addons extend (contact, quotation,
        invoice, ticket, serial...) opens for every internal user whatever
        groups of ours they lack: a count they may not read is hidden."""
        data = self.env["ir.model.data"].search(
            [("model", "=", "ir.ui.view"), ("module", "in", ADDONS)]
        )
        views = self.env["ir.ui.view"].browse(data.mapped("res_id")).exists()
        models = sorted(
            set(
                views.filtered(lambda v: v.inherit_id and v.type == "form").mapped(
                    "model"
                )
            )
        )
        self.assertIn("res.partner", models)
        users = self._lone_users()
        users["employee"] = new_test_user(
            self.env, login="forms_employee", groups="base.group_user", lang="pl_PL"
        )
        opened = set()
        for name, user in users.items():
            for model_name in models:
                model = (
                    self.env[model_name].with_user(user).with_context(lang=user.lang)
                )
                if not model.has_access("read"):
                    continue
                with self.subTest(user=name, model=model_name):
                    form = model.get_views([(False, "form")])["views"]["form"]
                    spec = self._spec(model, etree.fromstring(form["arch"]))
                    # the form of a record they can read, and a new one
                    record = model.search([], limit=1)
                    if record:
                        record.web_read(spec)
                        opened.add(model_name)
                    if model.has_access("create"):
                        model.onchange({}, [], spec)
        self.assertIn("res.partner", opened)

    def test_our_fields_read_for_every_user(self):
        """Every field our addons add to a model reads for every internal user
        who may read the model (an export, a custom column, RPC): a figure the
        user may not read carries ``groups=`` and is left out, never an error."""
        users = self._lone_users()
        users["employee"] = new_test_user(
            self.env, login="fields_employee", groups="base.group_user", lang="pl_PL"
        )
        ours = {}
        for model_name, model in self.env.registry.items():
            if model._abstract or model._transient:
                continue
            names = [
                name
                for name, field in model._fields.items()
                if field._module in ADDONS and not field.store
            ]
            if names:
                ours[model_name] = names
        for name, user in users.items():
            for model_name, names in ours.items():
                model = self.env[model_name].with_user(user)
                if not model.has_access("read"):
                    continue
                records = model.search([], limit=5)
                readable = [
                    f
                    for f in names
                    if model._has_field_access(model._fields[f], "read")
                ]
                for field in readable:
                    with self.subTest(user=name, field=f"{model_name}.{field}"):
                        records.invalidate_recordset()
                        records.read([field])

    def test_contact_card_puts_history_and_money_first(self):
        """The card's buttons in the order a user would choose: the History
        and the receivables (with what is overdue) first, the sales (with
        CRM's opportunities), invoices and offers next (a 1440-px screen shows
        7 before *More*); Odoo's
        Lots/Serial Numbers, which repeats our Devices, hidden."""
        arch = etree.fromstring(
            self.env["res.partner"].get_views([(False, "form")])["views"]["form"][
                "arch"
            ]
        )
        buttons = arch.xpath("//div[@name='button_box']/button")
        names = [button.get("name") for button in buttons]
        expected = [
            "action_open_crm_history",
            "action_crm_open_aging",
            # shown only when something is overdue
            "action_crm_open_overdue",
            "sale.act_res_partner_2_sale_order",
            "action_view_partner_invoices",
            "action_view_offers",
        ]
        if "action_view_opportunity" in names:
            # Odoo's CRM (crm_analytics_crm): its opportunities by the sales
            expected.insert(4, "action_view_opportunity")
        self.assertEqual(names[: len(expected)], expected)
        self.assertLess(
            names.index("action_view_helpdesk_tickets"),
            names.index("action_open_service_devices"),
        )
        lots = buttons[names.index("action_view_stock_serial")]
        self.assertEqual(lots.get("invisible"), "1")

    def test_sibling_menus_have_distinct_names(self):
        """In English and Polish, no menu of the suite bears the name of
        another menu beside it (Odoo's own included): Polish once had two
        "Oferty" under Sales / Orders."""
        Menu = self.env["ir.ui.menu"]
        data = self.env["ir.model.data"].search(
            [("model", "=", "ir.ui.menu"), ("module", "in", ADDONS)]
        )
        menus = Menu.browse(data.mapped("res_id")).exists()
        siblings = Menu.search([("parent_id", "in", menus.parent_id.ids)])
        modules = set(
            self.env["ir.model.data"]
            .search([("model", "=", "ir.ui.menu"), ("res_id", "in", siblings.ids)])
            .mapped("module")
        )
        self.env["res.lang"]._activate_lang("pl_PL")
        self.env["ir.module.module"].search(
            [("name", "in", list(modules))]
        )._load_module_terms(list(modules), ["pl_PL"], overwrite=True)
        for lang in ("en_US", "pl_PL"):
            for menu in menus.with_context(lang=lang):
                others = (
                    (siblings - menu)
                    .with_context(lang=lang)
                    .filtered(lambda m, parent=menu.parent_id: m.parent_id == parent)
                )
                with self.subTest(lang=lang, menu=menu.complete_name):
                    self.assertNotIn(menu.name, others.mapped("name"))
