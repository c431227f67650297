{
    "name": "CRM Visits: Service Visits from Tickets",
    "summary": "Service visits planned from helpdesk tickets, in the device's "
    "history, their travel as a cost line of the ticket",
    "version": "19.0.1.0.0",
    "category": "After-Sales",
    "website": "https://github.com/crm-suite-odoo/crm-suite",
    "author": "CRM Suite for Odoo contributors",
    "license": "AGPL-3",
    "maintainers": ["crm-suite-odoo"],
    "development_status": "Beta",
    "depends": ["crm_contacts_visits", "crm_contacts_service"],
    "data": [
        "data/product_data.xml",
        "views/crm_visit_views.xml",
        "views/helpdesk_ticket_views.xml",
    ],
    "installable": True,
    "auto_install": True,
}
