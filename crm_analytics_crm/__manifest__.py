{
    "name": "CRM Analytics: Leads in Campaign Effectiveness",
    "summary": "The leads each campaign, medium and source brought, how many were "
    "won and the conversion, beside the orders and costs of campaign "
    "effectiveness",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "website": "https://github.com/crm-suite-odoo/crm-suite",
    "author": "CRM Suite for Odoo contributors",
    "license": "AGPL-3",
    "maintainers": ["crm-suite-odoo"],
    "development_status": "Beta",
    "depends": ["crm_analytics", "crm"],
    "data": [
        "views/crm_campaign_effect_views.xml",
        "views/res_partner_views.xml",
    ],
    "demo": ["demo/crm_lead_demo.xml"],
    "installable": True,
    "auto_install": True,
}
