{
    "name": "CRM Analytics and Holding Groups",
    "summary": "Receivables by age and payment figures over the holding groups "
    "of the contacts",
    "version": "19.0.1.0.0",
    "category": "Accounting/Accounting",
    "website": "https://github.com/crm-suite-odoo/crm-suite",
    "author": "CRM Suite for Odoo contributors",
    "license": "AGPL-3",
    "maintainers": ["crm-suite-odoo"],
    "development_status": "Beta",
    "depends": ["crm_analytics", "crm_contacts_ext"],
    "demo": ["demo/res_partner_demo.xml"],
    "installable": True,
    "auto_install": True,
}
