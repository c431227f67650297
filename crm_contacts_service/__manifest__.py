{
    "name": "CRM Contacts and Service",
    "summary": "Tickets in the customer's history, tickets from phone calls",
    "version": "19.0.1.0.0",
    "category": "After-Sales",
    "website": "https://github.com/crm-suite-odoo/crm-suite",
    "author": "CRM Suite for Odoo contributors",
    "license": "AGPL-3",
    "maintainers": ["crm-suite-odoo"],
    "development_status": "Beta",
    "depends": ["crm_contacts_ext", "crm_service_warranty"],
    "data": [
        "views/crm_call_views.xml",
        "views/helpdesk_ticket_views.xml",
    ],
    "installable": True,
    "auto_install": True,
}
