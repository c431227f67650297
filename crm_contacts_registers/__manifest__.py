{
    "name": "CRM Contacts: Public Registers (GUS, KRS, VAT White List, VIES)",
    "summary": "Fill a company from GUS REGON (BIR1.1) and the KRS, check the "
    "VAT white list and VIES, keep the proof of every check, re-check "
    "customers and suppliers every night, warn before paying to an account "
    "not on the white list",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "website": "https://github.com/crm-suite-odoo/crm-suite",
    "author": "CRM Suite for Odoo contributors",
    "license": "AGPL-3",
    "maintainers": ["crm-suite-odoo"],
    "development_status": "Beta",
    "depends": ["crm_contacts_ext", "account", "crm_job"],
    "external_dependencies": {"python": ["python-stdnum", "requests"]},
    "data": [
        "security/ir.model.access.csv",
        "data/mail_activity_type_data.xml",
        "data/ir_cron_data.xml",
        "views/crm_register_check_views.xml",
        "views/res_partner_views.xml",
        "views/crm_register_wizard_views.xml",
        "views/res_config_settings_views.xml",
        "views/account_move_views.xml",
        "views/account_payment_views.xml",
    ],
    "demo": [
        "demo/res_partner_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "crm_contacts_registers/static/tests/tours/*.js",
        ],
    },
    "installable": True,
}
