{
    "name": "CRM Suite: Polish demo company's accounting",
    "summary": "Demo data only: the Polish chart of accounts and taxes (l10n_pl) "
    "on the demo company",
    "version": "19.0.1.0.0",
    "category": "Hidden",
    "website": "https://github.com/crm-suite-odoo/crm-suite",
    "author": "CRM Suite for Odoo contributors",
    "license": "AGPL-3",
    "maintainers": ["crm-suite-odoo"],
    "development_status": "Beta",
    "depends": ["crm_demo_pl", "l10n_pl"],
    "demo": [
        "demo/res_company_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "crm_demo_pl_account/static/tests/tours/*.js",
        ],
    },
    "auto_install": True,
    "installable": True,
}
