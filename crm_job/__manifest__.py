{
    "name": "CRM Background Jobs",
    "summary": "Long exports and refreshes of the suite run on Odoo's cron workers, "
    "with a progress bar and a notification with the result",
    "version": "19.0.1.0.0",
    "category": "Technical",
    "website": "https://github.com/crm-suite-odoo/crm-suite",
    "author": "CRM Suite for Odoo contributors",
    "license": "AGPL-3",
    "maintainers": ["crm-suite-odoo"],
    "development_status": "Beta",
    "depends": ["bus", "web"],
    "data": [
        "security/ir.model.access.csv",
        "security/crm_job_security.xml",
        "data/ir_cron_data.xml",
        "views/crm_job_views.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "crm_job/static/src/*.js",
        ],
    },
    "installable": True,
}
