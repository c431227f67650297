{
    "name": "CRM Analytics: Receivables and Customers",
    "summary": "Receivables by age, unsettled payments report, commercial history and customer segments, computed in SQL",
    "version": "19.0.1.0.0",
    "category": "Accounting",
    "website": "https://github.com/crm-suite-odoo/crm-suite",
    "author": "CRM Suite for Odoo contributors",
    "license": "AGPL-3",
    "depends": ["account", "sale"],
    "installable": True,
}
