"""Every ``type="object"`` button of the suite's views answers when a user
clicks it: called as ``/web/dataset/call_button`` calls it (``call_kw`` with
the ids the view passes: the record of a form, kanban card or list row, the
selection of a list header, none for an ``@api.model`` method), on a record of
the model (demo data first) where the button is visible, as a user with the
groups of the suite's users. A refusal with a message (``UserError``,
``ValidationError``, ``AccessError``) is an answer; a ``TypeError``,
``KeyError``, ``AttributeError`` ... is a crash."""

import json
from pathlib import Path

import psycopg2
from lxml import etree

from odoo import fields, models
from odoo.exceptions import AccessError, RedirectWarning, UserError, ValidationError
from odoo.service.model import call_kw
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools import json_default
from odoo.tools.safe_eval import datetime, safe_eval, time

from odoo.addons.web.controllers.utils import clean_action

ROOT = Path(__file__).resolve().parent.parent
ADDONS = sorted(p.parent.name for p in ROOT.glob("*/__manifest__.py"))
# what the suite's users hold between them (the suite's own groups are added)
GROUPS = [
    "base.group_user",
    "base.group_partner_manager",
    "sales_team.group_sale_manager",
    "account.group_account_manager",
    "stock.group_stock_manager",
    "helpdesk_mgmt.group_helpdesk_manager",
    "mass_mailing.group_mass_mailing_user",
]
# refusals with a message: the answer to a button on an unsuitable record
ANSWERS = (AccessError, RedirectWarning, UserError, ValidationError)
# records tried per button to find one where it is visible
CANDIDATES = 30
# buttons the test may not click, and why
NOT_CLICKED = {
    # asks NBP over the network; crm_offers_multicurrency tests it on recorded answers
    "crm.offer.nbp.import.action_import",
}


class Rollback(Exception):
    """Undo what a button did before the next one is clicked."""


class Values(dict):
    """A record's values for the view's expressions (``invisible``,
    ``context``): fields as the web client has them, unknown names False."""

    def __missing__(self, key):
        return False


@tagged("post_install", "-at_install")
class TestButtons(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        groups = [ref for ref in GROUPS if cls.env.ref(ref, raise_if_not_found=False)]
        groups += [
            f"{data.module}.{data.name}"
            for data in cls.env["ir.model.data"].search(
                [("model", "=", "res.groups"), ("module", "in", ADDONS)]
            )
        ]
        company = cls.env.ref("base.main_company")
        cls.user = new_test_user(
            cls.env,
            "buttons_user",
            groups=",".join(groups),
            company_id=company.id,
            company_ids=[(6, 0, company.ids)],
        )
        cls._make_records(company)

    @classmethod
    def _make_records(cls, company):
        """Records for the buttons that no demo record shows (a collection run
        to run, a demand to print, a mailing that skipped someone), and what
        a user types into the wizards whose defaults are not enough."""
        ref = cls.env.ref
        person = cls.env["res.partner"].create(
            {
                "name": "Buttons Person",
                "email": "buttons.person@example.com",
                "phone": "+48 601 234 999",
            }
        )
        cls.env["crm.collection.run"].create({"company_id": company.id})
        cls.env["crm.payment.demand"].create(
            {
                "partner_id": person.id,
                "company_id": company.id,
                "date_deadline": fields.Date.add(fields.Date.today(), days=7),
            }
        )
        mailing = cls.env["mailing.mailing"].create(
            {
                "subject": "Buttons mailing",
                "mailing_model_id": cls.env["ir.model"]._get_id("res.partner"),
            }
        )
        cls.env["mailing.trace"].create(
            {
                "mass_mailing_id": mailing.id,
                "model": "res.partner",
                "res_id": person.id,
                "email": person.email,
                "trace_status": "cancel",
                "failure_type": "crm_consent_missing",
            }
        )
        email = ref("crm_contacts_consent.channel_email").id
        phone = ref("crm_contacts_consent.channel_phone").id
        cls.wizard_values = {
            "crm.consent.contact.wizard": [
                {"partner_id": person.id, "channel_id": phone}
            ],
            "crm.consent.record.wizard": [
                {"partner_id": person.id, "channel_id": phone, "action": "given"},
                {"partner_id": person.id, "channel_id": email, "action": "request"},
            ],
            "crm.pesel.reveal.wizard": [{"partner_id": person.id}],
            "crm.satisfaction.wizard": [
                {
                    "partner_id": person.id,
                    "level_id": ref("crm_contacts_ext.satisfaction_level_3").id,
                    "reason": "Called to say thanks",
                }
            ],
            "crm.register.wizard": [{"partner_id": person.id}],
        }

    def _buttons(self):
        """(view, model name, button node, where) for every object button of
        the suite's views; ``where`` is "header" for a list header."""
        data = self.env["ir.model.data"].search(
            [("model", "=", "ir.ui.view"), ("module", "in", ADDONS)]
        )
        for view in self.env["ir.ui.view"].browse(data.mapped("res_id")).exists():
            if view.type == "qweb" or view.model not in self.env:
                continue
            arch = etree.fromstring(view.arch_db)
            for node in arch.iter("button"):
                if node.get("type") != "object" or not node.get("name"):
                    continue
                model = self.env[view.model]
                for ancestor in reversed(list(node.iterancestors("field"))):
                    field = model._fields.get(ancestor.get("name"))
                    if field is not None and field.relational:
                        model = self.env[field.comodel_name]
                parent = node.getparent()
                header = (
                    parent.tag == "header"
                    and parent.getparent() is not None
                    and parent.getparent().tag == "list"
                )
                yield view, model._name, node, "header" if header else "record"

    def _values(self, record):
        values = Values(
            id=record.id,
            uid=self.user.id,
            context_today=lambda: fields.Date.context_today(record),
            datetime=datetime,
            time=time,
            parent=Values(),
            context={},
        )
        for name, field in record._fields.items():
            if field.type in ("binary", "properties", "json"):
                continue
            try:
                value = record[name]
            except AccessError:  # a field of a group: not in the user's view
                continue
            if isinstance(value, models.BaseModel):
                value = value.id if field.type == "many2one" else value.ids
            values[name] = value
        return values

    def _eval(self, expression, values, default):
        if not expression:
            return default
        try:
            return safe_eval(expression, values)
        except Exception:  # noqa: BLE001 - names of another view's record
            return default

    def _wizard(self, model):
        """A wizard as its form saves it with the defaults: opened by its
        action, from a record of the model the action is bound to."""
        action = self.env["ir.actions.act_window"].search(
            [("res_model", "=", model._name)], limit=1
        )
        values = Values(uid=self.user.id, context_today=fields.Date.today)
        binding = action.binding_model_id.model
        if binding:
            source = self._candidates(self.env[binding])[:1]
            values.update(
                active_model=binding, active_id=source.id, active_ids=source.ids
            )
        context = dict(self._eval(action.context, values, {}))
        if binding:
            context.update(
                active_model=binding,
                active_id=values["active_id"],
                active_ids=values["active_ids"],
            )
        wizards = model.browse()
        for values in self.wizard_values.get(model._name, [{}]):
            try:
                with self.env.cr.savepoint():
                    wizards |= (
                        model.with_user(self.user).with_context(context).create(values)
                    )
            except (*ANSWERS, psycopg2.IntegrityError):
                continue  # a required field the user fills in
        return wizards

    def _candidates(self, model):
        """Records of the model the user can read, demo data first; a new one
        for a wizard."""
        model = model.with_user(self.user)
        if model._transient:
            return self._wizard(model)
        demo = self.env["ir.model.data"].search(
            [("model", "=", model._name)], limit=CANDIDATES
        )
        records = model.browse(demo.mapped("res_id")).exists()
        try:
            records = records._filtered_access("read")
            records |= model.search(
                [("id", "not in", records.ids)], limit=CANDIDATES, order="id desc"
            )
        except AccessError:
            return model.browse()
        return records

    def _click(self, model, node, ids, values):
        """What ``/web/dataset/call_button`` does for a click; returns the
        exception the user would see, None when it answered."""
        context = dict(self._eval(node.get("context"), values, {}))
        if node.get("args"):
            args = [ids, *json.loads(node.get("args").replace("'", '"'))]
        else:
            args = [ids]
        try:
            with self.env.cr.savepoint():
                action = call_kw(
                    model.with_user(self.user),
                    node.get("name"),
                    args,
                    {"context": context},
                )
                if isinstance(action, dict):
                    action = clean_action(action, env=model.with_user(self.user).env)
                json.dumps(action, default=json_default)
                self.env.flush_all()
                raise Rollback
        except Rollback:
            return None
        except ANSWERS as error:
            return None if str(error) else error
        except Exception as error:  # noqa: BLE001 - the crash the test reports
            return error
        finally:
            self.env.invalidate_all()

    def test_every_object_button_answers(self):
        crashes, unclicked, clicked = [], [], 0
        for view, model_name, node, where in self._buttons():
            model = self.env[model_name]
            name = node.get("name")
            method = getattr(type(model), name, None)
            with self.subTest(view=view.xml_id or view.name, button=name):
                self.assertTrue(callable(method), f"{model_name} has no method {name}")
                if f"{model_name}.{name}" in NOT_CLICKED:
                    continue
                if where == "header" or getattr(method, "_api_model", False):
                    error = self._click(model, node, [], Values(uid=self.user.id))
                else:
                    records = self._candidates(model)
                    visible = [
                        (record, values)
                        for record in records
                        for values in [self._values(record)]
                        if not self._eval(node.get("invisible"), values, False)
                    ]
                    if not visible:
                        unclicked.append(f"{model_name}.{name}")
                        continue
                    record, values = visible[0]
                    error = self._click(model, node, [record.id], values)
                clicked += 1
                if error is not None:
                    crashes.append(
                        f"{view.xml_id} {model_name}.{name}: "
                        f"{type(error).__name__}: {error}"
                    )
        self.assertFalse(crashes, "\n".join(crashes))
        # every button found a record where it shows (see _make_records)
        self.assertFalse(unclicked, "no record shows these buttons")
        # the suite has a few dozen object buttons with records to click
        self.assertGreater(clicked, 20)
