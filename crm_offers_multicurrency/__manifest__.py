{
    "name": "CRM Offers: Variants and Currencies",
    "summary": "Offers in several variants and currencies from one quotation template, "
    "offer profiles, NBP exchange rates (tables A and B, backfill)",
    "version": "19.0.1.0.0",
    "category": "Sales/Sales",
    "website": "https://github.com/crm-suite-odoo/crm-suite",
    "author": "CRM Suite for Odoo contributors",
    "license": "AGPL-3",
    "maintainers": ["crm-suite-odoo"],
    "development_status": "Beta",
    "depends": ["sale_management"],
    # holidays: Polish public holidays for the "last business day before" rule
    "external_dependencies": {"python": ["holidays", "requests"]},
    "data": [
        "security/ir.model.access.csv",
        "security/crm_offer_security.xml",
        "data/ir_sequence_data.xml",
        "data/ir_cron_data.xml",
        "report/crm_offer_report.xml",
        "data/mail_template_data.xml",
        "views/crm_offer_views.xml",
        "views/crm_offer_profile_views.xml",
        "views/sale_order_views.xml",
        "views/res_partner_views.xml",
        "views/res_currency_rate_views.xml",
        "views/crm_offer_portal_templates.xml",
        "wizards/crm_offer_nbp_import_views.xml",
    ],
    "demo": [
        "demo/crm_offer_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "crm_offers_multicurrency/static/tests/tours/*.js",
        ],
    },
    "installable": True,
}
