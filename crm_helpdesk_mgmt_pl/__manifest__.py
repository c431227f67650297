{
    "name": "OCA Helpdesk in Polish",
    "summary": "The Polish of OCA helpdesk_mgmt's ~300 terms (it ships 5): ticket "
    "form, stages, menus, portal, e-mails and the messages of its code",
    "version": "19.0.1.0.0",
    "category": "Localization",
    "website": "https://github.com/crm-suite-odoo/crm-suite",
    "author": "CRM Suite for Odoo contributors",
    "license": "AGPL-3",
    "maintainers": ["crm-suite-odoo"],
    "development_status": "Beta",
    "depends": ["helpdesk_mgmt"],
    # helpdesk_mgmt's code terms from i18n_extra/pl.po (see __init__.py)
    "post_load": "post_load",
    "auto_install": True,
    "installable": True,
}
