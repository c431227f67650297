import { download } from "@web/core/network/download";
import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

// An accountant opens the receivables by age, goes to a late customer's card
// and issues a payment demand, then prints it. The browser's download is
// replaced by a request of the same URL whose answer is written on the page,
// so the tour waits for the PDF.
registry.category("web_tour.tours").add("crm_analytics_collection_demand_tour", {
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
            content: "Open the customer's group",
            trigger: ".o_list_view .o_group_header:contains(Windykacja Testowa)",
            run: "click",
        },
        {
            content: "Open its first age group (the list groups by customer, then age)",
            trigger: ".o_list_view .o_group_header.o_group_open:contains(Windykacja Testowa) + .o_group_header",
            run: "click",
        },
        {
            content: "The interest column is there; open the overdue item",
            trigger: ".o_list_view .o_data_row .o_data_cell[name=crm_interest]",
            run: "click",
        },
        {
            content: "Open the customer",
            trigger: ".o_form_view .o_field_widget[name=partner_id] a",
            run: "click",
        },
        {
            content: "Open the Receivables tab",
            trigger: ".o_form_view .o_notebook .nav-link:contains(Receivables)",
            run: "click",
        },
        {
            content: "Interest to date is shown",
            trigger: ".o_form_view .o_field_widget[name=crm_interest_due]",
        },
        {
            content: "Issue a payment demand",
            trigger: ".o_form_view button:contains(Payment demand)",
            run: "click",
        },
        {
            content: "Confirm",
            trigger: ".modal .modal-footer button:contains(Issue)",
            run: "click",
        },
        {
            content: "The demand is there",
            trigger: ".o_form_view .o_field_widget[name=name]:contains(WZ/)",
            run() {
                const original = download._download;
                download._download = async (options) => {
                    const answer = await fetch(options.url, {
                        method: "POST",
                        body: new URLSearchParams({
                            ...options.data,
                            csrf_token: odoo.csrf_token,
                        }),
                    });
                    document.body.dataset.crmDemandPdf = `${answer.status} ${answer.headers.get("Content-Type")}`;
                    download._download = original;
                };
            },
        },
        {
            content: "Print it",
            trigger: ".o_form_view button[name=action_print]",
            run: "click",
        },
        {
            content: "The PDF came",
            trigger: "body[data-crm-demand-pdf='200 application/pdf']",
            timeout: 60000,
        },
    ],
});
