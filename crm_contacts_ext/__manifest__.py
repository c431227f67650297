{
    "name": "CRM Contacts: Companies, People, Contact History",
    "summary": "Company and person cards for Polish CRM: NIP, REGON, PESEL "
    "(personal-data group); birth date and sex from PESEL use OCA "
    "partner_contact_birthdate and partner_contact_gender",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "website": "https://github.com/crm-suite-odoo/crm-suite",
    "author": "CRM Suite for Odoo contributors",
    "license": "AGPL-3",
    "depends": [
        "contacts",
        "base_vat",
        "phone_validation",
        "calendar",
        # birth date (birthdate_date) and sex (gender) of people, filled from PESEL
        "partner_contact_birthdate",
        "partner_contact_gender",
    ],
    "external_dependencies": {"python": ["python-stdnum", "phonenumbers"]},
    "data": [
        "security/crm_contacts_ext_security.xml",
        "views/res_partner_views.xml",
    ],
    "demo": [
        "demo/res_partner_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "crm_contacts_ext/static/tests/tours/*.js",
        ],
    },
    "installable": True,
}
