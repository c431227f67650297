{
    "name": "CRM Consents for Segments in Mailing Lists",
    "summary": "Adding a segment to a mailing list warns about who cannot be mailed "
    "for lack of consent; glue of crm_contacts_consent_mass_mailing and "
    "crm_analytics_mass_mailing, installed by itself when both are present",
    "version": "19.0.1.0.0",
    "category": "Marketing/Email Marketing",
    "website": "https://github.com/crm-suite-odoo/crm-suite",
    "author": "CRM Suite for Odoo contributors",
    "license": "AGPL-3",
    "maintainers": ["crm-suite-odoo"],
    "development_status": "Beta",
    "depends": ["crm_contacts_consent_mass_mailing", "crm_analytics_mass_mailing"],
    "data": [
        "views/crm_customer_segment_apply_views.xml",
    ],
    "installable": True,
    "auto_install": True,
}
