import { formatDate } from "@web/views/fields/formatters";
import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

const { DateTime } = luxon;

// An accountant looks at the receivables as they were at the end of the last
// quarter, from the search panel: customers with nothing open then disappear,
// and a line opened from the list is aged at that date.
registry.category("web_tour.tours").add("crm_analytics_aging_as_of_tour", {
    url: "/odoo",
    steps: () => {
        // formatted as the form shows a read-only date
        const quarterEnd = formatDate(DateTime.now().startOf("quarter").minus({ days: 1 }), {
            numeric: false,
        });
        return [
            ...stepUtils.goToAppSteps("account.menu_finance", "Open Invoicing"),
            {
                content: "Open the Reporting menu",
                trigger: ".o_main_navbar button:contains(Reporting)",
                run: "click",
            },
            {
                content: "Open Receivables by age",
                trigger: ".dropdown-item:contains(Receivables by age)",
                run: "click",
            },
            {
                content: "The report is grouped by customer",
                trigger: ".o_list_view .o_group_header:contains(Hurtownia Elektro-Max)",
            },
            {
                content: "Open the search options",
                trigger: ".o_searchview_dropdown_toggler",
                run: "click",
            },
            {
                content: "Age the receivables at the end of the last quarter",
                trigger: ".o_filter_menu .dropdown-item:contains(As of end of last quarter)",
                run: "click",
            },
            {
                content: "The filter is applied",
                trigger: ".o_searchview_facet:contains(As of end of last quarter)",
            },
            {
                content: "Customers with nothing open at that date are gone, not left at 0",
                trigger: ".o_list_view:not(:has(.o_group_header:contains((0))))",
            },
            {
                content: "Open the customer",
                trigger: ".o_group_header:contains(Hurtownia Elektro-Max)",
                run: "click",
            },
            {
                content: "Open its first overdue bucket at the quarter's end",
                trigger:
                    ".o_group_header.o_group_open:contains(Hurtownia Elektro-Max) ~ .o_group_header:contains(days)",
                run: "click",
            },
            {
                content: "Open a line of that bucket",
                trigger: ".o_data_row:contains(Hurtownia Elektro-Max) .o_data_cell[name=move_name]",
                run: "click",
            },
            {
                content: "It is aged at the end of the last quarter",
                trigger: `.o_form_view .o_field_widget[name=as_of_date]:contains(${quarterEnd})`,
            },
        ];
    },
});
