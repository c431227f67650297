import { registry } from "@web/core/registry";

// A person gives the marketing consent by e-mail in the portal: two clicks
// (the Consents card of My Account, then "I agree").
registry.category("web_tour.tours").add("crm_contacts_consent_portal_tour", {
    url: "/my",
    steps: () => [
        {
            content: "Open the consents",
            trigger: 'a[href="/my/consents"]',
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Agree to marketing by e-mail",
            trigger:
                '.o_crm_consent_row[data-purpose="marketing"][data-channel="email"][data-state="none"] .o_crm_consent_give',
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Saved, and withdrawing is one click away",
            trigger:
                ".o_crm_consent_saved",
        },
        {
            content: "The consent is given",
            trigger:
                '.o_crm_consent_row[data-purpose="marketing"][data-channel="email"][data-state="given"] .o_crm_consent_withdraw',
        },
    ],
});

// The salesperson sees it on the contact's card, in the Consents tab.
registry.category("web_tour.tours").add("crm_contacts_consent_card_tour", {
    steps: () => [
        {
            content: "Open the consents tab",
            trigger: 'a[name="crm_consent_page"]',
            run: "click",
        },
        {
            content: "The e-mail marketing consent is given",
            trigger:
                '.o_crm_consent_status .o_data_row:contains(E-mail):contains(Marketing of our products):contains(May be contacted)',
        },
        {
            content: "The buttons are there",
            trigger: 'button[name="action_crm_record_consent"]',
        },
    ],
});
