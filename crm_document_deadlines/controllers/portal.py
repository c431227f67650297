from odoo import http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

# documents customers see: registered, whatever happened to them since
PORTAL_DOMAIN = [("state", "!=", "draft")]


class DocumentPortal(CustomerPortal):
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "crm_document_count" in counters:
            Document = request.env["crm.document"]
            values["crm_document_count"] = (
                Document.search_count(PORTAL_DOMAIN)
                if Document.has_access("read")
                else 0
            )
        return values

    @http.route(
        ["/my/crm_documents", "/my/crm_documents/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        readonly=True,
    )
    def portal_my_crm_documents(self, page=1, **kw):
        Document = request.env["crm.document"]
        count = Document.search_count(PORTAL_DOMAIN)
        pager = portal_pager(
            url="/my/crm_documents",
            total=count,
            page=page,
            step=self._items_per_page,
        )
        documents = Document.search(
            PORTAL_DOMAIN,
            order="valid_to desc, id desc",
            limit=self._items_per_page,
            offset=pager["offset"],
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "documents": documents,
                "pager": pager,
                "page_name": "crm_documents",
                "default_url": "/my/crm_documents",
            }
        )
        return request.render("crm_document_deadlines.portal_my_crm_documents", values)
