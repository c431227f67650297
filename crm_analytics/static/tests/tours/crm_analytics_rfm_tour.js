import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

// A sales manager opens the customer value list, refreshes it, keeps the
// "At risk" segment, selects its customers and tags them for a win-back
// campaign.
registry.category("web_tour.tours").add("crm_analytics_rfm_tour", {
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
            content: "Refresh the figures",
            trigger: ".o_control_panel button:contains(Refresh now)",
            run: "click",
        },
        {
            content: "The refresh reports what it did",
            trigger: ".o_notification:contains(Customer analysis refreshed)",
        },
        {
            content: "Keep the At risk segment",
            trigger: ".o_search_panel_category_value header:contains(At risk)",
            run: "click",
        },
        {
            content: "The At risk segment is picked",
            trigger: ".o_search_panel_category_value header.active:contains(At risk)",
        },
        {
            content: "Only customers at risk are listed",
            trigger:
                ".o_list_view:has(.o_data_row):not(:has(.o_data_row:not(:contains(At risk))))",
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
            content: "Act on customers",
            trigger: ".o_control_panel button:contains(Act on customers)",
            run: "click",
        },
        {
            content: "Choose the tag",
            trigger: ".modal .o_field_widget[name=category_id] input",
            run: "edit Win-back campaign",
        },
        {
            content: "Pick it",
            trigger: ".o-autocomplete--dropdown-item a:contains(Win-back campaign)",
            run: "click",
        },
        {
            content: "Apply",
            trigger: ".modal button[name=action_apply]",
            run: "click",
        },
        {
            content: "The dialog is closed",
            trigger: "body:not(:has(.modal))",
        },
    ],
});
