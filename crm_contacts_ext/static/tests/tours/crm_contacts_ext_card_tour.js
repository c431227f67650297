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
            content: "Open the customer relationship tab",
            trigger: 'a[name="crm_customer_page"]',
            run: "click",
        },
        {
            content: "The satisfaction level is shown",
            trigger: '.o_field_widget[name="crm_satisfaction_level_id"]:contains(Satisfied)',
        },
        {
            content: "Change it",
            trigger: 'button[name="action_change_satisfaction"]',
            run: "click",
        },
        {
            content: "Pick the new level",
            trigger: '.modal .o_field_widget[name="level_id"] input',
            run: "edit Very satisfied",
        },
        {
            content: "from the list",
            trigger: '.ui-autocomplete .dropdown-item:contains(Very satisfied)',
            run: "click",
        },
        {
            content: "Say why",
            trigger: '.modal .o_field_widget[name="reason"] textarea',
            run: "edit New framework contract signed",
        },
        {
            content: "Save the change",
            trigger: '.modal button[name="action_apply"]',
            run: "click",
        },
        {
            content: "The change is in the satisfaction history",
            trigger:
                '.o_field_widget[name="crm_satisfaction_history_ids"] .o_data_row:contains(New framework contract signed)',
        },
        {
            content: "The group's figures are shown",
            trigger: '.o_field_widget[name="crm_group_quotation_amount"]',
        },
        {
            content: "Open the whole group",
            trigger: 'button[name="action_open_crm_group"]:contains(Show the whole group)',
            run: "click",
        },
        {
            content: "The tree shows the subsidiaries",
            trigger: ".o_hierarchy_node:contains(Meblex Logistyka sp. z o.o.)",
        },
        {
            content: "and the other one",
            trigger: ".o_hierarchy_node:contains(Meblex Design S.A.)",
        },
        {
            content: "Back to the customer",
            trigger: ".o_breadcrumb a:contains(Meblex sp. z o.o.)",
            run: "click",
        },
        {
            content: "Open the history of the customer",
            trigger: 'button[name="action_open_crm_history"]',
            run: "click",
        },
        {
            content: "A message to the company is in its history",
            trigger: ".o_data_row:contains(Harmonogram dostaw na III kwartał)",
        },
        {
            content: "So is the meeting with Anna, a person of the company: open it",
            trigger:
                '.o_data_row:contains(Roczny przegląd umowy z Meblex) button[name="action_open_document"]',
            run: "click",
        },
        {
            content: "The line opened the meeting itself",
            trigger: '.o_form_view .o_field_widget[name="name"]:contains(Roczny przegląd umowy)',
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
