{
    "name": "CRM Service: Warranty and Complaints",
    "summary": "Service and complaints on OCA helpdesk_mgmt tickets by serial number, with warranty periods and service costs",
    "version": "19.0.1.0.0",
    "category": "After-Sales",
    "website": "https://github.com/crm-suite-odoo/crm-suite",
    "author": "CRM Suite for Odoo contributors",
    "license": "AGPL-3",
    "depends": ["helpdesk_mgmt", "stock", "repair"],
    "installable": True,
}
