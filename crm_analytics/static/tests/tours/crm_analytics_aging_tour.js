import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

// An accountant opens "Receivables by age", keeps what is over 90 days late,
// opens a customer's bucket down to the invoice and downloads the XLSX.
registry.category("web_tour.tours").add("crm_analytics_aging_tour", {
    url: "/odoo",
    steps: () => [
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
            content: "Keep what is over 90 days past due",
            trigger: ".o_filter_menu .dropdown-item:contains(Over 90 days)",
            run: "click",
        },
        {
            content: "The filter is applied",
            trigger: ".o_searchview_facet:contains(Over 90 days)",
        },
        {
            content: "Customers not late over 90 days are gone",
            trigger: ".o_list_view:not(:has(.o_group_header:contains(Piekarnia Kowalscy)))",
        },
        {
            content: "Open the customer",
            trigger: ".o_group_header:contains(Hurtownia Elektro-Max)",
            run: "click",
        },
        {
            content: "Open its bucket",
            trigger: ".o_group_header:contains(Over 180 days)",
            run: "click",
        },
        {
            content: "Open the late invoice",
            trigger: ".o_data_row:contains(Hurtownia Elektro-Max) .o_data_cell[name=move_name]",
            run: "click",
        },
        {
            content: "It is the invoice over 180 days past due",
            trigger: ".o_form_view .o_field_widget[name=bucket]:contains(Over 180 days)",
        },
        {
            content: "Back to the report",
            trigger: ".o_breadcrumb .o_back_button a, .o_breadcrumb li.breadcrumb-item a",
            run: "click",
        },
        {
            content: "Download the unsettled payments",
            trigger: ".o_control_panel button:contains(Export XLSX)",
            run: "click",
        },
        {
            content: "Still on the report",
            trigger: ".o_list_view .o_group_header:contains(Hurtownia Elektro-Max)",
        },
    ],
});
