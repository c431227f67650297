import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

// Plan a visit from a customer's card (the contacts' kanban), on the trip.
function planFromCard(name) {
    return [
        ...stepUtils.goToAppSteps("contacts.menu_contacts", "Open Contacts"),
        {
            content: "The customers' cards",
            trigger: ".o_switch_view.o_kanban",
            run: "click",
        },
        {
            content: "shown",
            trigger: ".o_kanban_view",
        },
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
            content: `Plan a visit from the card of ${name}`,
            trigger: `.o_kanban_record:contains(${name}) .o_crm_plan_visit`,
            run: "click",
        },
        {
            content: "The visit's customer is the card's",
            trigger: `.o_field_widget[name=customer_id]:has(input:value(${name}))`,
        },
        {
            content: "Put it on the trip",
            trigger: ".o_field_widget[name=trip_id] input",
            run: "edit Tour Trip",
        },
        {
            content: "the trip",
            trigger: ".o-autocomplete--dropdown-item:contains(Tour Trip)",
            run: "click",
        },
        {
            content: "Save the visit",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: `.o_breadcrumb:contains(Visit: ${name})`,
        },
    ];
}

registry.category("web_tour.tours").add("crm_contacts_visits_tour", {
    url: "/odoo",
    steps: () => [
        ...planFromCard("Tour Customer Alfa"),
        ...planFromCard("Tour Customer Beta"),
        ...planFromCard("Tour Customer Gamma"),
        ...stepUtils.goToAppSteps("crm_contacts_visits.menu_crm_visits_root", "Open Visits"),
        {
            content: "Open the week of the team",
            trigger: ".o_nav_entry[data-menu-xmlid='crm_contacts_visits.menu_crm_team_week']",
            run: "click",
        },
        {
            content: "The week's calendar",
            trigger: ".o_calendar_view",
        },
        {
            content: "Its list",
            trigger: ".o_switch_view.o_list",
            run: "click",
        },
        {
            content: "Open my group",
            trigger: ".o_group_header:contains(visit_tour)",
            run: "click",
        },
        {
            content: "The trip is there",
            trigger: ".o_data_row:contains(Tour Trip)",
        },
        {
            content: "and the visits",
            trigger: ".o_data_row:contains(Tour Customer Gamma)",
        },
        {
            content: "Open the visits",
            trigger: ".o_nav_entry[data-menu-xmlid='crm_contacts_visits.menu_crm_visit']",
            run: "click",
        },
        {
            content: "Their list",
            trigger: ".o_switch_view.o_list",
            run: "click",
        },
        {
            content: "Write the report of the first visit",
            trigger: ".o_data_row:contains(Tour Customer Alfa) button[name=action_open_report]",
            run: "click",
        },
        {
            content: "It went well",
            trigger: ".modal .o_field_widget[name=outcome] input[data-value=success]",
            run: "click",
        },
        {
            content: "Save the report",
            trigger: ".modal button[name=action_save_report]",
            run: "click",
        },
        {
            content: "The report is saved",
            trigger: "body:not(:has(.modal)) .o_data_row:contains(Tour Customer Alfa):contains(Successful)",
        },
        ...stepUtils.goToAppSteps("contacts.menu_contacts", "Back to Contacts"),
        {
            content: "Search the first customer",
            trigger: ".o_searchview_input",
            run: "edit Tour Customer Alfa",
        },
        {
            content: "by name",
            trigger: ".o-dropdown-item:contains(Search Name for:)",
            run: "click",
        },
        {
            content: "Open its card",
            trigger: ".o_data_row:contains(Tour Customer Alfa) .o_data_cell:first, .o_kanban_record:contains(Tour Customer Alfa) [name=display_name]",
            run: "click",
        },
        {
            content: "Open its History",
            trigger: "button[name=action_open_crm_history]",
            run: "click",
        },
        {
            content: "The visit report is in the History",
            trigger: ".o_data_row:contains(Visit report):contains(Successful)",
        },
    ],
});
