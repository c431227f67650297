import { registry } from "@web/core/registry";

// Service staff look for devices whose warranty ends within 30 days and open
// the service history of one of them.
registry.category("web_tour.tours").add("crm_service_warranty_devices_tour", {
    url: "/odoo/action-crm_service_warranty.stock_lot_action_device",
    steps: () => [
        {
            content: "Devices at customers are listed",
            trigger: ".o_list_view .o_data_row:contains(EX200-0001)",
        },
        {
            content: "Open the filters",
            trigger: ".o_searchview_dropdown_toggler",
            run: "click",
        },
        {
            content: "Warranty expiring in 30 days",
            trigger: '.o_filter_menu .o-dropdown-item:contains("Warranty expiring in 30 days")',
            run: "click",
        },
        {
            content: "Only the device whose warranty ends soon is left",
            trigger: ".o_list_view:not(:has(.o_data_row:contains(EX200-0001))) .o_data_row:contains(EX200-0003)",
        },
        {
            content: "Open it",
            trigger: ".o_data_row td:contains(EX200-0003)",
            run: "click",
        },
        {
            content: "Open its service history",
            trigger: '.o_form_view button[name="action_open_service_history"]:contains("Service history")',
            run: "click",
        },
        {
            content: "The history shows its delivery",
            trigger: ".o_list_view .o_data_row:contains(Delivery)",
        },
    ],
});
