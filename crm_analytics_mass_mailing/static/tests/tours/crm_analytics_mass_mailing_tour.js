import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

// A sales manager opens the customer analysis, picks the "At risk" segment
// and adds its customers to a mailing list for a win-back campaign.
registry.category("web_tour.tours").add("crm_analytics_mass_mailing_tour", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps("sale.sale_menu_root", "Open Sales"),
        {
            content: "Open the Customer analysis menu",
            trigger: ".o_main_navbar button:contains(Customer analysis)",
            run: "click",
        },
        {
            content: "Open Customer value",
            trigger: ".dropdown-item:contains(Customer value)",
            run: "click",
        },
        {
            content: "Pick the At risk segment",
            trigger: ".o_search_panel_category_value header:contains(At risk)",
            run: "click",
        },
        {
            content: "Only customers at risk are listed",
            trigger:
                ".o_search_panel_category_value header.active:contains(At risk)",
        },
        {
            content: "No other segment is left in the list",
            trigger:
                ".o_list_view:has(.o_data_row):not(:has(.o_data_row [name=segment_id]:not(:contains(At risk))))",
        },
        {
            content: "Select them all",
            trigger: ".o_list_view thead .o_list_record_selector input",
            run: "click",
        },
        {
            content: "They are selected",
            trigger: ".o_selection_box",
        },
        {
            content: "Act on the selected customers",
            trigger: ".o_control_panel button:contains(Act on customers)",
            run: "click",
        },
        {
            content: "Choose to add them to a mailing list",
            trigger: ".modal .o_field_widget[name=action_type] input[data-value=mailing_list]",
            run: "click",
        },
        {
            content: "Choose the list",
            trigger: ".modal .o_field_widget[name=mailing_list_id] input",
            run: "edit Win back",
        },
        {
            content: "Take the existing list",
            trigger: ".ui-autocomplete .dropdown-item:contains(Win back)",
            run: "click",
        },
        {
            content: "Apply",
            trigger: ".modal-footer button[name=action_apply]",
            run: "click",
        },
        {
            content: "The customers are on the list",
            trigger: ".o_notification:contains(added to the mailing list Win back)",
        },
    ],
});
