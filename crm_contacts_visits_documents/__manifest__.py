{
    "name": "CRM Visits: Document Deadlines in the Week of the Team",
    "summary": "Notice deadlines, expiry dates and reply due dates of documents "
    "and letters in the week of the team",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "website": "https://github.com/crm-suite-odoo/crm-suite",
    "author": "CRM Suite for Odoo contributors",
    "license": "AGPL-3",
    "maintainers": ["crm-suite-odoo"],
    "development_status": "Beta",
    "depends": ["crm_contacts_visits", "crm_contacts_documents"],
    "installable": True,
    "auto_install": True,
}
