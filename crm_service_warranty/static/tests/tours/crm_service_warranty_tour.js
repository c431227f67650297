import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

function scan(code) {
    // a keyboard-wedge scanner types the code quickly and ends with Enter
    for (const key of [...code, "Enter"]) {
        document.body.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true }));
    }
}

// Service staff scan a serial number, open a ticket already filled in, add
// the service costs and turn the billable ones into a quotation.
registry.category("web_tour.tours").add("crm_service_warranty_scan_tour", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps("helpdesk_mgmt.helpdesk_ticket_main_menu", "Open Helpdesk"),
        {
            content: "Open the Tickets menu",
            trigger: '.o_main_navbar button:contains("Tickets")',
            run: "click",
        },
        {
            content: "Scan a device",
            trigger: '.dropdown-item:contains("Scan a device")',
            run: "click",
        },
        {
            content: "The scan dialog waits for a code",
            trigger: ".modal .o_field_widget[name=code] input",
        },
        {
            content: "Scan the serial number",
            trigger: ".modal .o_field_widget[name=code] input",
            run() {
                scan("TOUR-SN-0001");
            },
        },
        {
            content: "The device is found",
            trigger: ".modal .o_field_widget[name=lot_id]:contains(TOUR-SN-0001)",
        },
        {
            content: "Start a new ticket",
            trigger: ".modal button[name=action_new_ticket]",
            run: "click",
        },
        {
            content: "The ticket has the serial number",
            trigger: ".o_form_view .o_field_widget[name=lot_id] input:value(TOUR-SN-0001)",
        },
        {
            content: "The customer came from the serial number",
            trigger: ".o_form_view .o_field_widget[name=partner_id] input:value(Tour Customer)",
        },
        {
            content: "Describe the problem",
            trigger: ".o_form_view .o_field_widget[name=description] .odoo-editor-editable",
            run: "editor The device makes a loud noise.",
        },
        {
            content: "Open the service costs",
            trigger: 'a[name="service_costs"]',
            run: "click",
        },
        {
            content: "Add a cost line",
            trigger: '.o_field_widget[name="cost_line_ids"] .o_field_x2many_list_row_add a',
            run: "click",
        },
        {
            content: "Labour",
            trigger: '.o_field_widget[name="cost_line_ids"] .o_selected_row .o_field_widget[name="cost_type"] input',
            run: "click",
        },
        {
            content: "Choose labour",
            trigger: '.o_select_menu_item:contains("Labour")',
            run: "click",
        },
        {
            content: "Service product",
            trigger: '.o_field_widget[name="cost_line_ids"] .o_selected_row .o_field_widget[name="product_id"] input',
            run: "edit Tour labour",
        },
        {
            content: "Pick it",
            trigger: '.o-autocomplete--dropdown-item a:contains("Tour labour")',
            run: "click",
        },
        {
            content: "Two hours",
            trigger: '.o_field_widget[name="cost_line_ids"] .o_selected_row .o_field_widget[name="quantity"] input',
            run: "edit 2",
        },
        ...stepUtils.saveForm(),
        {
            content: "The billable total is shown",
            trigger: '.o_field_widget[name="billable_total"]:contains(200)',
        },
        {
            content: "Create the quotation",
            trigger: 'button[name="action_create_quotation"]',
            run: "click",
        },
        {
            content: "The quotation has the labour line",
            trigger: '.o_form_view .o_field_widget[name="order_line"] td:contains("Tour labour")',
        },
    ],
});
