{
    "name": "CRM Contacts: Registers and Odoo's Polish Bank Account Verification",
    "summary": "Every VAT white list answer of the registers check is also Odoo's "
    "bank account verification of the day: a payment of 15,000 PLN or more is "
    "checked once, not twice",
    "version": "19.0.1.0.0",
    "category": "Accounting/Localizations",
    "website": "https://github.com/crm-suite-odoo/crm-suite",
    "author": "CRM Suite for Odoo contributors",
    "license": "AGPL-3",
    "maintainers": ["crm-suite-odoo"],
    "development_status": "Beta",
    "depends": ["crm_contacts_registers", "l10n_pl_bank_verification"],
    "installable": True,
    "auto_install": True,
}
