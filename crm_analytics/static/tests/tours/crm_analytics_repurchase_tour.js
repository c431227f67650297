import { registry } from "@web/core/registry";

// A salesperson opens the customers due to reorder and makes a quotation of
// the usual quantity in one click.
registry.category("web_tour.tours").add("crm_analytics_repurchase_tour", {
    steps: () => [
        {
            content: "The customer is due to reorder the toner",
            trigger: ".o_list_view .o_data_row:contains(Tour Reorder Customer):contains(Tour Toner)",
        },
        {
            content: "Make the quotation",
            trigger: ".o_data_row:contains(Tour Toner) button[name=action_crm_make_quotation]",
            run: "click",
        },
        {
            content: "The quotation has the toner at the usual quantity",
            trigger: ".o_form_view .o_field_widget[name=order_line] .o_data_row:contains(Tour Toner):contains(3.00)",
        },
        {
            content: "for the customer",
            trigger: ".o_form_view .o_field_widget[name=partner_id] input:value(Tour Reorder Customer)",
        },
    ],
});

// A sales manager opens campaign effectiveness.
registry.category("web_tour.tours").add("crm_analytics_campaign_tour", {
    steps: () => [
        {
            content: "The campaigns are the rows of the pivot",
            trigger: ".o_pivot .o_pivot_header_cell_closed:contains(Tour campaign)",
        },
        {
            content: "with the new customers and the cost per new customer",
            trigger: ".o_pivot th:contains(Cost per new customer)",
        },
        {
            content: "Drill down: the orders of the campaign",
            trigger: ".o_pivot tr:has(th:contains(Tour campaign)) td.o_pivot_cell_value:last",
            run: "click",
        },
        {
            content: "the order rows",
            trigger: ".o_list_view .o_data_row:contains(Tour Reorder Customer)",
        },
    ],
});
