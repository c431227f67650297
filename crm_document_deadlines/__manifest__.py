{
    "name": "CRM Documents: Register, Correspondence, Deadlines",
    "summary": "Document register with validity and reminders, physical archive, correspondence register with business-day deadlines",
    "version": "19.0.1.0.0",
    "category": "Productivity",
    "website": "https://github.com/crm-suite-odoo/crm-suite",
    "author": "CRM Suite for Odoo contributors",
    "license": "AGPL-3",
    "depends": ["mail", "calendar", "portal"],
    "installable": True,
}
