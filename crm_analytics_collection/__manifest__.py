{
    "name": "CRM Analytics: Debt Collection",
    "summary": "Statutory interest for delay and the 40/70/100 EUR compensation on "
    "the receivables by age, interest notes, payment demands, collection stages, "
    "balance confirmations in the portal",
    "version": "19.0.1.0.0",
    "category": "Accounting",
    "website": "https://github.com/crm-suite-odoo/crm-suite",
    "author": "CRM Suite for Odoo contributors",
    "license": "AGPL-3",
    "maintainers": ["crm-suite-odoo"],
    "development_status": "Beta",
    "depends": ["crm_analytics", "portal", "mail"],
    "external_dependencies": {"python": ["holidays"]},
    "data": [
        "security/ir.model.access.csv",
        "data/crm_interest_rate_data.xml",
        "data/ir_sequence_data.xml",
        "report/report_payment_demand.xml",
        "data/mail_template_data.xml",
        "data/crm_collection_stage_data.xml",
        "data/ir_cron_data.xml",
        "views/crm_interest_rate_views.xml",
        "views/crm_receivable_aging_views.xml",
        "wizards/crm_interest_note_wizard_views.xml",
        "views/crm_payment_demand_views.xml",
        "views/crm_collection_run_views.xml",
        "views/account_move_views.xml",
        "views/res_partner_views.xml",
    ],
    "demo": ["demo/crm_analytics_collection_demo.xml"],
    "assets": {
        "web.assets_tests": [
            "crm_analytics_collection/static/tests/tours/*.js",
        ],
    },
    "installable": True,
}
