{
    "name": "CRM Service: Warranty and Complaints",
    "summary": "Service and complaints on OCA helpdesk_mgmt tickets by serial number, "
    "with warranty periods, service costs, device history, barcode scanning "
    "and the customer's devices in the portal",
    "version": "19.0.1.0.0",
    "category": "After-Sales",
    "website": "https://github.com/crm-suite-odoo/crm-suite",
    "author": "CRM Suite for Odoo contributors",
    "license": "AGPL-3",
    "maintainers": ["crm-suite-odoo"],
    "development_status": "Beta",
    "depends": [
        "helpdesk_mgmt",
        "stock",
        "repair",
        # quotations from billable service costs
        "sale_management",
        # calls and visits a ticket comes from
        "calendar",
        # scanning serial numbers with a keyboard-wedge scanner
        "barcodes",
    ],
    "data": [
        "security/ir.model.access.csv",
        "security/crm_service_warranty_security.xml",
        "views/product_template_views.xml",
        "views/stock_lot_views.xml",
        "views/res_partner_views.xml",
        "views/helpdesk_ticket_views.xml",
        "views/helpdesk_ticket_cost_line_views.xml",
        "views/crm_service_device_history_views.xml",
        "wizards/crm_service_scan_views.xml",
        "views/menus.xml",
        "views/portal_templates.xml",
    ],
    "demo": [
        "demo/crm_service_warranty_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "crm_service_warranty/static/tests/tours/*.js",
        ],
    },
    "post_init_hook": "post_init_hook",
    "installable": True,
}
