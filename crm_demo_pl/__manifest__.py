{
    "name": "CRM Suite: Polish demo company",
    "summary": "Demo data only: the main company is a Polish sp. z o.o. "
    "in złoty, users and Polish customers in Polish",
    "version": "19.0.1.0.0",
    "category": "Hidden",
    "website": "https://github.com/crm-suite-odoo/crm-suite",
    "author": "CRM Suite for Odoo contributors",
    "license": "AGPL-3",
    "maintainers": ["crm-suite-odoo"],
    "development_status": "Beta",
    # base only, so that the company is Polish (country, PLN, language) before
    # the demo data of product, sale, account and our addons is loaded
    "depends": ["base"],
    "demo": [
        "demo/res_company_demo.xml",
    ],
    "installable": True,
}
