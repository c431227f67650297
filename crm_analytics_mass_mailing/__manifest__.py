{
    "name": "CRM Analytics: Segments to Mailing Lists",
    "summary": "Add the customers of an RFM segment (or any selection) to an e-mail "
    "marketing mailing list; glue of crm_analytics and mass_mailing, installed by "
    "itself when both are present",
    "version": "19.0.1.0.0",
    "category": "Marketing/Email Marketing",
    "website": "https://github.com/crm-suite-odoo/crm-suite",
    "author": "CRM Suite for Odoo contributors",
    "license": "AGPL-3",
    "maintainers": ["crm-suite-odoo"],
    "development_status": "Beta",
    "depends": ["crm_analytics", "mass_mailing"],
    "data": [
        "security/ir.model.access.csv",
        "security/crm_analytics_mass_mailing_security.xml",
        "views/crm_customer_segment_apply_views.xml",
        "views/crm_mailing_effect_views.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "crm_analytics_mass_mailing/static/tests/tours/*.js",
        ],
    },
    "installable": True,
    "auto_install": True,
}
