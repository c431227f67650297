import { registry } from "@web/core/registry";

// "1 234,56 zł": a no-break space between thousands and before the symbol.
// The tour's :contains() reads texts with their spaces normalised, so it
// looks for plain spaces; checkText() reads the real text, no-break spaces.
const OVERDUE = "1 234,56 zł";
const RECEIVABLES_TEXT = /^2\u00a0234,56\u00a0zł\s*Należności$/;
const OVERDUE_TEXT = /^1\u00a0234,56\u00a0zł\s*Przeterminowane$/;
const POLISH_DATE = /^\d{2}\.\d{2}\.\d{4}/;

function checkText(content, trigger, pattern) {
    return {
        content,
        trigger,
        run() {
            const text = this.anchor.textContent.trim();
            if (!pattern.test(text)) {
                throw new Error(`${content}: "${text}" does not match ${pattern}`);
            }
        },
    };
}

// An account manager of the Polish demo company, working in Polish, on a
// customer's card (the test opens it): the history and the customer's money
// come first, in złoty and Polish dates; then the history and the overdue
// receivables by age.
registry.category("web_tour.tours").add("crm_demo_pl_card_tour", {
    steps: () => [
        {
            content: "The History comes first, in Polish",
            trigger: ".o-form-buttonbox > button:first-child[name=action_open_crm_history]:contains(Historia)",
        },
        checkText(
            "then the receivables, in złoty",
            ".o-form-buttonbox > button[name=action_open_crm_history] + button[name=action_crm_open_aging]",
            RECEIVABLES_TEXT
        ),
        checkText(
            "and next to them what is overdue, nothing else in the button",
            ".o-form-buttonbox > button[name=action_crm_open_aging] + button[name=action_crm_open_overdue]",
            OVERDUE_TEXT
        ),
        {
            content: "Open the history",
            trigger: "button[name=action_open_crm_history]",
            run: "click",
        },
        {
            content: "The invoice is in the history with its amount in złoty",
            trigger: `.o_list_view .o_data_row:contains(Faktura):contains(${OVERDUE})`,
        },
        checkText(
            "with a Polish date",
            `.o_list_view .o_data_row:contains(${OVERDUE}) .o_data_cell[name=date]`,
            POLISH_DATE
        ),
        {
            content: "Back to the customer",
            trigger: ".o_breadcrumb a:contains(Kaszubska Energia sp. z o.o.)",
            run: "click",
        },
        {
            content: "Open what is overdue",
            trigger: "button[name=action_crm_open_overdue]",
            run: "click",
        },
        {
            content: "Only the overdue filter is on",
            trigger: ".o_searchview_facet:contains(Przeterminowane)",
        },
        {
            content: "The invoice 45 days late is in its Polish bucket",
            trigger: ".o_list_view .o_group_header:contains(31-60 dni)",
            run: "click",
        },
        {
            content: "in złoty",
            trigger: `.o_list_view .o_data_row .o_data_cell[name=amount_31_60]:contains(${OVERDUE})`,
        },
        checkText(
            "due on a Polish date",
            ".o_list_view .o_data_row .o_data_cell[name=date_maturity]",
            POLISH_DATE
        ),
        {
            content: "The invoice not due yet is left out",
            trigger: ".o_list_view:not(:has(.o_group_header:contains(Niewymagalne)))",
        },
    ],
});
