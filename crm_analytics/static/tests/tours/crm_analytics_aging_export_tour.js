import { browser } from "@web/core/browser/browser";
import { download } from "@web/core/network/download";
import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

// An accountant keeps one salesperson's receivables over 90 days late as of the
// end of last month, then presses the list's Export XLSX (a background job: its
// dialog shows the progress, then the file) and Print PDF. The browser's
// downloads are replaced by a request of the same URL whose answer is written
// on the page, so the tour waits for the files.
registry.category("web_tour.tours").add("crm_analytics_aging_export_tour", {
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
            trigger: ".o_list_view .o_group_header:contains(Eksport Gamma)",
            run() {
                browser.open = (url) => {
                    fetch(url).then((response) => {
                        document.body.dataset.crmXlsx = `${response.status} ${response.headers.get("Content-Type")}`;
                    });
                    return { closed: false };
                };
                const original = download._download;
                download._download = async (options) => {
                    const answer = await fetch(options.url, {
                        method: "POST",
                        body: new URLSearchParams({
                            ...options.data,
                            csrf_token: odoo.csrf_token,
                        }),
                    });
                    document.body.dataset.crmPdf = `${answer.status} ${answer.headers.get("Content-Type")}`;
                    download._download = original;
                };
            },
        },
        {
            content: "Search the salesperson",
            trigger: "input.o_searchview_input",
            run: "edit Zofia Eksportowa",
        },
        {
            content: "Search by salesperson",
            trigger: ".o_searchview_autocomplete .o-dropdown-item:contains(Salesperson)",
            run: "click",
        },
        {
            content: "Only her customers are left",
            trigger: ".o_list_view:not(:has(.o_group_header:contains(Eksport Gamma)))",
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
            content: "Age at the end of last month",
            trigger: ".o_filter_menu .dropdown-item:contains(As of end of last month)",
            run: "click",
        },
        {
            content: "The bucket filter is applied",
            trigger: ".o_searchview_facet:contains(Over 90 days)",
        },
        {
            content: "The date filter is applied",
            trigger: ".o_searchview_facet:contains(As of end of last month)",
        },
        {
            content: "The customer not late over 90 days is gone",
            trigger: ".o_list_view:not(:has(.o_group_header:contains(Eksport Beta)))",
        },
        {
            content: "Download the unsettled payments",
            trigger: ".o_control_panel button:contains(Export XLSX)",
            run: "click",
        },
        {
            content: "The export runs in the background: its dialog shows its progress",
            trigger: ".modal .o_crm_job_progress .o_progressbar",
        },
        {
            content: "When the job is done, the dialog offers the file",
            trigger: ".modal .o_crm_job_download a[href*='/web/content/']",
            // the job runs beside the browser on the test's one cursor: on a
            // loaded machine it may take long; the step waits for its state
            // (60 s: the most a tour step may wait)
            timeout: 60000,
            run() {
                const link = document.querySelector(".modal .o_crm_job_download a");
                fetch(link.href).then((response) => {
                    document.body.dataset.crmXlsx = `${response.status} ${response.headers.get("Content-Type")}`;
                });
            },
        },
        {
            content: "The workbook came",
            trigger: "body[data-crm-xlsx^='200 application/vnd.openxmlformats']",
            timeout: 30000,
        },
        {
            content: "Close the job's dialog and go on working",
            trigger: ".modal-footer button:contains(Close)",
            run: "click",
        },
        {
            content: "Print the unsettled payments",
            trigger: ".o_control_panel button:contains(Print PDF)",
            run: "click",
        },
        {
            content: "The PDF came",
            trigger: "body[data-crm-pdf='200 application/pdf']",
            // wkhtmltopdf renders it: seconds on a loaded machine
            timeout: 60000,
        },
        {
            content: "Still on the report, with its filters",
            trigger: ".o_list_view .o_group_header:contains(Eksport Alfa)",
        },
    ],
});
