import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

function openContact(name) {
    return [
        ...stepUtils.goToAppSteps("contacts.menu_contacts", "Open Contacts"),
        {
            content: `Search ${name}`,
            trigger: ".o_searchview_input",
            run: `edit ${name}`,
        },
        {
            content: "by name",
            trigger: ".o-dropdown-item:contains(Search Name for:)",
            run: "click",
        },
        {
            content: `Open ${name}`,
            trigger: `.o_data_row:contains(${name}):first .o_data_cell:first, .o_kanban_record:contains(${name}):first`,
            run: "click",
        },
    ];
}

// An account manager opens a customer, reads its history (its people's events
// included), then opens one of its people: employment and name day.
registry.category("web_tour.tours").add("crm_contacts_ext_card_tour", {
    url: "/odoo",
    steps: () => [
        ...openContact("Meblex sp. z o.o."),
        {
            content: "Open the history of the customer",
            trigger: 'button[name="action_open_crm_history"]',
            run: "click",
        },
        {
            content: "A message to the company is in its history",
            trigger: ".o_data_row:contains(Delivery schedule for Q3)",
        },
        {
            content: "So is the meeting with Anna, a person of the company: open it",
            trigger:
                '.o_data_row:contains(Annual contract review with Meblex) button[name="action_open_document"]',
            run: "click",
        },
        {
            content: "The line opened the meeting itself",
            trigger: '.o_form_view .o_field_widget[name="name"]:contains(Annual contract review)',
        },
        ...openContact("Anna Kowalska"),
        {
            content: "Open the employment history",
            trigger: 'a[name="crm_employment_page"]',
            run: "click",
        },
        {
            content: "She works for two companies of the group",
            trigger: '.o_field_widget[name="crm_employment_ids"] .o_data_row:contains(Meblex Design S.A.)',
        },
        {
            content: "and used to work for Serwis-Tech",
            trigger: '.o_field_widget[name="crm_employment_ids"] .o_data_row:contains(Serwis-Tech S.A.)',
        },
        {
            content: "Open the personal information",
            trigger: 'a[name="personal_information_page"]',
            run: "click",
        },
        {
            content: "Her name day comes from the first name",
            trigger: '.o_field_widget[name="crm_name_day_id"] input:value(26.07)',
        },
    ],
});
