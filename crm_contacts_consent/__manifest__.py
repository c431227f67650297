{
    "name": "CRM Contacts: Consent Register",
    "summary": "Proof of consent per person, channel and purpose (Polish electronic "
    "communications law, GDPR art. 7): versioned consent texts, an append-only "
    "history, expiry, the portal and a signed link, CSV import, the call center "
    "shows and asks",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "website": "https://github.com/crm-suite-odoo/crm-suite",
    "author": "CRM Suite for Odoo contributors",
    "license": "AGPL-3",
    "maintainers": ["crm-suite-odoo"],
    "development_status": "Beta",
    "depends": ["crm_contacts_ext", "portal", "crm_job"],
    "data": [
        "security/crm_contacts_consent_security.xml",
        "security/ir.model.access.csv",
        "data/crm_consent_channel_data.xml",
        "data/crm_consent_purpose_data.xml",
        "data/mail_activity_type_data.xml",
        "data/mail_template_data.xml",
        "data/ir_cron_data.xml",
        "views/crm_consent_views.xml",
        "views/crm_consent_status_views.xml",
        "views/crm_consent_config_views.xml",
        "views/crm_consent_contact_log_views.xml",
        "views/crm_consent_wizard_views.xml",
        "views/res_partner_views.xml",
        "views/crm_call_views.xml",
        "views/res_config_settings_views.xml",
        "views/portal_templates.xml",
        "views/crm_contacts_consent_menus.xml",
    ],
    "demo": [
        "demo/crm_consent_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "crm_contacts_consent/static/tests/tours/*.js",
        ],
    },
    "installable": True,
}
