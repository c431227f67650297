{
    "name": "CRM Contacts: Customer Visits and Trips",
    "summary": "Customer visits as calendar events, trips with mileage "
    "allowances and per diem, the week of the team, visit reports in the "
    "customer's History",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "website": "https://github.com/crm-suite-odoo/crm-suite",
    "author": "CRM Suite for Odoo contributors",
    "license": "AGPL-3",
    "maintainers": ["crm-suite-odoo"],
    "development_status": "Beta",
    "depends": ["crm_contacts_ext", "calendar"],
    "data": [
        "security/crm_contacts_visits_security.xml",
        "security/ir.model.access.csv",
        "data/crm_travel_rate_data.xml",
        "report/crm_visit_trip_report.xml",
        "views/crm_visit_views.xml",
        "views/crm_visit_trip_views.xml",
        "views/crm_travel_rate_views.xml",
        "views/crm_team_week_views.xml",
        "views/res_partner_views.xml",
        "views/sale_order_views.xml",
        "views/crm_contacts_visits_menus.xml",
    ],
    "demo": ["demo/crm_visit_demo.xml"],
    "assets": {
        "web.assets_tests": [
            "crm_contacts_visits/static/tests/tours/*.js",
        ],
    },
    "installable": True,
}
