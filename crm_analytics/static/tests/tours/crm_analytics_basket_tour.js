import { registry } from "@web/core/registry";

// A salesperson opens a quotation with a standing desk, sees what is often
// bought with it, adds the suggested chair and finds it among the lines.
registry.category("web_tour.tours").add("crm_analytics_basket_tour", {
    steps: () => [
        {
            content: "The quotation has the desk",
            trigger: ".o_field_widget[name=order_line] .o_data_row:contains(Standing Desk)",
        },
        {
            content: "Products often bought with the desk are suggested",
            trigger: "div[name=crm_basket_suggestions]:contains(Frequently bought together) .o_data_row:contains(Ergonomic Chair)",
        },
        {
            content: "Add the chair",
            trigger: "div[name=crm_basket_suggestions] .o_data_row:contains(Ergonomic Chair) button[name=action_crm_basket_add_to_order]",
            run: "click",
        },
        {
            content: "The chair is a line of the quotation",
            trigger: ".o_field_widget[name=order_line] .o_data_row:contains(Ergonomic Chair)",
        },
        {
            content: "and no longer a suggestion",
            trigger: "div[name=crm_basket_suggestions]:not(:has(.o_data_row:contains(Ergonomic Chair))) .o_data_row:contains(Monitor Arm)",
        },
    ],
});
