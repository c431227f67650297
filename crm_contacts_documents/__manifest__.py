{
    "name": "CRM Contacts: Documents and Correspondence in the History",
    "summary": "Registered documents and correspondence entries in the "
    "customer's History",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "website": "https://github.com/crm-suite-odoo/crm-suite",
    "author": "CRM Suite for Odoo contributors",
    "license": "AGPL-3",
    "maintainers": ["crm-suite-odoo"],
    "development_status": "Beta",
    "depends": ["crm_contacts_ext", "crm_document_deadlines"],
    "installable": True,
    "auto_install": True,
}
