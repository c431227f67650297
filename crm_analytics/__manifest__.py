{
    "name": "CRM Analytics: Receivables and Customers",
    "summary": "Receivables by age as of any date, unsettled payments report (XLSX, "
    "PDF), commercial history, RFM segments, customer value, churn risk, products "
    "bought together, computed in SQL; sale_margin gives the margins",
    "version": "19.0.1.0.0",
    "category": "Accounting",
    "website": "https://github.com/crm-suite-odoo/crm-suite",
    "author": "CRM Suite for Odoo contributors",
    "license": "AGPL-3",
    "depends": ["account", "sale", "sale_margin"],
    "external_dependencies": {"python": ["xlsxwriter"]},
    "data": [
        "security/ir.model.access.csv",
        "security/crm_analytics_security.xml",
        "views/crm_receivable_aging_views.xml",
        "views/account_move_views.xml",
        "views/res_partner_views.xml",
        "report/report_receivable_aging.xml",
        "data/crm_rfm_segment_data.xml",
        "data/crm_customer_value_cron.xml",
        "views/crm_rfm_segment_views.xml",
        "views/crm_customer_value_views.xml",
        "views/crm_customer_overview_views.xml",
        "wizards/crm_customer_segment_apply_views.xml",
        "views/crm_analytics_menus.xml",
        "data/ir_cron_data.xml",
        "views/crm_basket_pair_views.xml",
        "views/product_views.xml",
        "views/sale_order_views.xml",
        "views/res_config_settings_views.xml",
    ],
    "demo": [
        "demo/crm_analytics_demo.xml",
        "demo/crm_customer_value_demo.xml",
        "demo/crm_basket_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "crm_analytics/static/tests/tours/*.js",
        ],
    },
    "installable": True,
}
