{
    "name": "CRM Offers: Variants and Currencies",
    "summary": "Offers in several variants and currencies from one quotation template, offer profiles, NBP exchange rates",
    "version": "19.0.1.0.0",
    "category": "Sales/Sales",
    "website": "https://github.com/crm-suite-odoo/crm-suite",
    "author": "CRM Suite for Odoo contributors",
    "license": "AGPL-3",
    "depends": ["sale_management"],
    "installable": True,
}
