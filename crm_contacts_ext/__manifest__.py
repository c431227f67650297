{
    "name": "CRM Contacts: Companies, People, Contact History",
    "summary": "Company and person cards for Polish CRM: NIP, REGON, PESEL "
    "(personal-data group, reveal log), employment, satisfaction, discount "
    "levels, payment forms, holding groups, name days and birthday reminders, "
    "the whole contact history on one screen",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "website": "https://github.com/crm-suite-odoo/crm-suite",
    "author": "CRM Suite for Odoo contributors",
    "license": "AGPL-3",
    "maintainers": ["crm-suite-odoo"],
    "development_status": "Beta",
    "depends": [
        "contacts",
        "base_vat",
        "phone_validation",
        "calendar",
        # discount levels on quotation lines, payment terms and method as
        # defaults on quotations and invoices, quotations/orders/invoices in
        # the History: sale (which brings account)
        "sale",
        # the holding tree of a group of companies
        "web_hierarchy",
        # birth date (birthdate_date) and sex (gender) of people, filled from PESEL
        "partner_contact_birthdate",
        "partner_contact_gender",
        # the notification to the user whose extension rings
        "bus",
    ],
    "external_dependencies": {"python": ["python-stdnum", "phonenumbers"]},
    "data": [
        "security/crm_contacts_ext_security.xml",
        "security/ir.model.access.csv",
        "data/crm.name.day.csv",
        "data/crm_satisfaction_level_data.xml",
        "data/mail_activity_type_data.xml",
        "data/ir_cron_data.xml",
        "views/res_partner_views.xml",
        "views/crm_employment_views.xml",
        "views/crm_satisfaction_views.xml",
        "views/crm_discount_level_views.xml",
        "views/crm_name_day_views.xml",
        "views/crm_pesel_reveal_views.xml",
        "views/crm_history_views.xml",
        "views/crm_call_views.xml",
        "views/sale_order_views.xml",
        "views/res_config_settings_views.xml",
        "views/crm_contacts_menus.xml",
    ],
    "demo": [
        "demo/res_partner_demo.xml",
        "demo/crm_call_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "crm_contacts_ext/static/src/**/*",
        ],
        "web.assets_tests": [
            "crm_contacts_ext/static/tests/tours/*.js",
        ],
    },
    "installable": True,
}
