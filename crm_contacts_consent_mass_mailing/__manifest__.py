{
    "name": "CRM Consents in Email Marketing",
    "summary": "A mailing skips the recipients without a valid consent for its purpose, "
    "batch by batch, and shows how many and why; glue of crm_contacts_consent and "
    "mass_mailing, installed by itself when both are present",
    "version": "19.0.1.0.0",
    "category": "Marketing/Email Marketing",
    "website": "https://github.com/crm-suite-odoo/crm-suite",
    "author": "CRM Suite for Odoo contributors",
    "license": "AGPL-3",
    "maintainers": ["crm-suite-odoo"],
    "development_status": "Beta",
    "depends": ["crm_contacts_consent", "mass_mailing"],
    "data": [
        "views/mailing_mailing_views.xml",
    ],
    "installable": True,
    "auto_install": True,
}
