import { registry } from "@web/core/registry";

// A salesperson creates a company, types its NIP, fills the card from GUS,
// takes the register's name instead of the one typed, saves; the Registers
// tab shows the proof of the check (the white list's request ID).
registry.category("web_tour.tours").add("crm_contacts_registers_tour", {
    url: "/odoo/action-contacts.action_contacts/new",
    steps: () => [
        {
            content: "A company",
            trigger: '.o_field_widget[name="company_type"] input[data-value="company"]',
            run: "click",
        },
        {
            content: "Type a name",
            trigger: '.o_field_widget[name="name"] input, .o_field_widget[name="name"] textarea',
            run: "edit Asseco",
        },
        {
            content: "Type the NIP",
            trigger: '.o_field_widget[name="vat"] input',
            run: "edit PL5170359458",
        },
        {
            content: "Check in registers",
            trigger: 'button[name="action_crm_register_check"]',
            run: "click",
        },
        {
            content: "The register's name is shown beside the typed one",
            trigger: '.modal .o_data_row:contains(ASSECO SYSTEMS SPÓŁKA AKCYJNA):contains(Asseco)',
        },
        {
            content: "Take the register's name",
            trigger: '.modal .o_data_row:contains(ASSECO SYSTEMS SPÓŁKA AKCYJNA) .o_field_widget[name="use"] input',
            run: "click",
        },
        {
            content: "It is taken",
            trigger: '.modal .o_data_row:contains(ASSECO SYSTEMS SPÓŁKA AKCYJNA) .o_field_widget[name="use"] input:checked',
        },
        {
            content: "Save",
            trigger: '.modal button[name="action_apply"]',
            run: "click",
        },
        {
            content: "The card has the register's name",
            trigger: '.o_form_view:not(:has(.modal)) .o_field_widget[name="name"]:has(input, textarea)',
            run: function () {
                const field = document.querySelector('.o_field_widget[name="name"] input, .o_field_widget[name="name"] textarea');
                if (field.value !== "ASSECO SYSTEMS SPÓŁKA AKCYJNA") {
                    throw new Error(`name is ${field.value}`);
                }
            },
        },
        {
            content: "Open the Registers tab",
            trigger: 'a[name="crm_registers_page"]',
            run: "click",
        },
        {
            content: "The proof of the white list check is there",
            trigger: '.o_field_widget[name="crm_whitelist_request_id"]:contains(Xf0Kq)',
        },
        {
            content: "and the history of the checks",
            trigger: '.o_field_widget[name="crm_register_check_ids"] .o_data_row:contains(VAT white list):contains(Xf0Kq)',
        },
    ],
});
