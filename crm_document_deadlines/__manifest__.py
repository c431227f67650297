{
    "name": "CRM Documents: Register, Correspondence, Deadlines",
    "summary": "Document register with validity and reminders, physical archive, "
    "correspondence register with business-day deadlines",
    "version": "19.0.1.0.0",
    "category": "Productivity",
    "website": "https://github.com/crm-suite-odoo/crm-suite",
    "author": "CRM Suite for Odoo contributors",
    "license": "AGPL-3",
    "maintainers": ["crm-suite-odoo"],
    "development_status": "Beta",
    "depends": ["mail", "calendar", "portal", "barcodes", "crm_job"],
    "external_dependencies": {"python": ["holidays"]},
    "data": [
        "security/crm_document_deadlines_security.xml",
        "security/ir.model.access.csv",
        "data/ir_sequence_data.xml",
        "data/mail_data.xml",
        "data/ir_cron_data.xml",
        "data/crm_document_type_data.xml",
        "report/crm_document_label_report.xml",
        "views/crm_document_views.xml",
        "views/crm_correspondence_views.xml",
        "views/crm_archive_views.xml",
        "views/crm_config_views.xml",
        "views/res_partner_views.xml",
        "views/crm_document_portal_templates.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/crm_document_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "crm_document_deadlines/static/tests/tours/*.js",
        ],
    },
    "installable": True,
}
