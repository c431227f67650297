from werkzeug.exceptions import BadRequest, NotFound

from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

from ..models.crm_balance_confirmation import SENT_STATES

ANSWERS = ("confirmed", "disputed")


class CollectionPortal(CustomerPortal):
    """The customer's balance confirmations (to confirm or dispute), payment
    demands and interest notes. Interest notes are journal entries, which
    Odoo's /my/invoices does not list."""

    def _crm_customer(self):
        return request.env.user.partner_id.commercial_partner_id

    def _crm_confirmation_domain(self):
        return [
            ("partner_id", "child_of", self._crm_customer().id),
            ("state", "in", SENT_STATES),
        ]

    def _crm_demand_domain(self):
        return [
            ("partner_id", "child_of", self._crm_customer().id),
            ("state", "=", "sent"),
        ]

    def _crm_interest_note_domain(self):
        return [
            ("partner_id", "child_of", self._crm_customer().id),
            ("crm_interest_note", "=", True),
            ("state", "=", "posted"),
        ]

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        for counter, model, domain in (
            (
                "balance_confirmation_count",
                "crm.balance.confirmation",
                self._crm_confirmation_domain,
            ),
            ("payment_demand_count", "crm.payment.demand", self._crm_demand_domain),
        ):
            if counter in counters:
                Model = request.env[model]
                values[counter] = (
                    Model.search_count(domain()) if Model.has_access("read") else 0
                )
        if "interest_note_count" in counters:
            # journal entries, which portal users cannot read: our own domain
            values["interest_note_count"] = (
                request.env["account.move"]
                .sudo()
                .search_count(self._crm_interest_note_domain())
            )
        return values

    def _crm_list(self, model, domain, url, page, template, page_name):
        Model = request.env[model]
        pager = portal_pager(
            url=url,
            total=Model.search_count(domain),
            page=page,
            step=self._items_per_page,
        )
        records = Model.search(
            domain, limit=self._items_per_page, offset=pager["offset"]
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "records": records,
                "pager": pager,
                "page_name": page_name,
                "default_url": url,
            }
        )
        return request.render(template, values)

    def _crm_document(self, model, document_id, access_token):
        """The document, sudoed, if the user (or the token) may read it;
        else a 404: nobody learns that another customer's document exists."""
        try:
            return self._document_check_access(model, document_id, access_token)
        except (AccessError, MissingError) as error:
            raise NotFound() from error

    # ------------------------------------------------------------------
    # Balance confirmations
    # ------------------------------------------------------------------

    @http.route(
        ["/my/balance_confirmations", "/my/balance_confirmations/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        readonly=True,
    )
    def portal_my_balance_confirmations(self, page=1, **kw):
        return self._crm_list(
            "crm.balance.confirmation",
            self._crm_confirmation_domain(),
            "/my/balance_confirmations",
            page,
            "crm_analytics_collection.portal_my_balance_confirmations",
            "balance_confirmation",
        )

    def _crm_confirmation_page(self, confirmation_sudo, access_token, **kw):
        values = self._get_page_view_values(
            confirmation_sudo,
            access_token,
            {
                "confirmation": confirmation_sudo,
                "page_name": "balance_confirmation",
            },
            "my_balance_confirmations_history",
            False,
            **kw,
        )
        return request.render(
            "crm_analytics_collection.portal_balance_confirmation_page", values
        )

    @http.route(
        ["/my/balance_confirmations/<int:confirmation_id>"],
        type="http",
        auth="public",
        website=True,
    )
    def portal_balance_confirmation_page(
        self, confirmation_id, access_token=None, report_type=None, download=False, **kw
    ):
        confirmation_sudo = self._crm_document(
            "crm.balance.confirmation", confirmation_id, access_token
        )
        if report_type in ("html", "pdf", "text"):
            return self._show_report(
                model=confirmation_sudo,
                report_type=report_type,
                report_ref="crm_analytics_collection.action_report_balance_confirmation",
                download=download,
            )
        return self._crm_confirmation_page(
            confirmation_sudo, access_token, success=kw.get("answered")
        )

    @http.route(
        ["/my/balance_confirmations/<int:confirmation_id>/answer"],
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def portal_balance_confirmation_answer(
        self, confirmation_id, answer=None, comment=None, access_token=None, **kw
    ):
        """The customer confirms or disputes the balance (a form's POST,
        with its CSRF token)."""
        if answer not in ANSWERS:
            raise BadRequest()
        confirmation_sudo = self._crm_document(
            "crm.balance.confirmation", confirmation_id, access_token
        )
        user = request.env.user
        # through the e-mail's link: the customer it was sent to
        partner = confirmation_sudo.partner_id if user._is_public() else user.partner_id
        try:
            confirmation_sudo._crm_answer(answer, comment, partner)
        except UserError as error:
            return self._crm_confirmation_page(
                confirmation_sudo, access_token, error=error.args[0]
            )
        url = confirmation_sudo.get_portal_url(query_string="&answered=1")
        return request.redirect(url)

    # ------------------------------------------------------------------
    # Payment demands
    # ------------------------------------------------------------------

    @http.route(
        ["/my/payment_demands", "/my/payment_demands/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        readonly=True,
    )
    def portal_my_payment_demands(self, page=1, **kw):
        return self._crm_list(
            "crm.payment.demand",
            self._crm_demand_domain(),
            "/my/payment_demands",
            page,
            "crm_analytics_collection.portal_my_payment_demands",
            "payment_demand",
        )

    @http.route(
        ["/my/payment_demands/<int:demand_id>"],
        type="http",
        auth="public",
        website=True,
        readonly=True,
    )
    def portal_payment_demand_page(
        self, demand_id, access_token=None, report_type=None, download=False, **kw
    ):
        demand_sudo = self._crm_document("crm.payment.demand", demand_id, access_token)
        if report_type in ("html", "pdf", "text"):
            return self._show_report(
                model=demand_sudo,
                report_type=report_type,
                report_ref="crm_analytics_collection.action_report_payment_demand",
                download=download,
            )
        values = self._get_page_view_values(
            demand_sudo,
            access_token,
            {"demand": demand_sudo, "page_name": "payment_demand"},
            "my_payment_demands_history",
            False,
        )
        return request.render(
            "crm_analytics_collection.portal_payment_demand_page", values
        )

    # ------------------------------------------------------------------
    # Interest notes
    # ------------------------------------------------------------------

    @http.route(
        ["/my/interest_notes", "/my/interest_notes/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        readonly=True,
    )
    def portal_my_interest_notes(self, page=1, **kw):
        Move = request.env["account.move"].sudo()
        domain = self._crm_interest_note_domain()
        pager = portal_pager(
            url="/my/interest_notes",
            total=Move.search_count(domain),
            page=page,
            step=self._items_per_page,
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "records": Move.search(
                    domain, limit=self._items_per_page, offset=pager["offset"]
                ),
                "pager": pager,
                "page_name": "interest_note",
                "default_url": "/my/interest_notes",
            }
        )
        return request.render(
            "crm_analytics_collection.portal_my_interest_notes", values
        )

    @http.route(
        ["/my/interest_notes/<int:note_id>"],
        type="http",
        auth="user",
        website=True,
        readonly=True,
    )
    def portal_interest_note_page(self, note_id, **kw):
        note_sudo = (
            request.env["account.move"]
            .sudo()
            .search([("id", "=", note_id), *self._crm_interest_note_domain()])
        )
        if not note_sudo:
            raise NotFound()
        values = self._prepare_portal_layout_values()
        values.update({"note": note_sudo, "page_name": "interest_note"})
        return request.render(
            "crm_analytics_collection.portal_interest_note_page", values
        )
