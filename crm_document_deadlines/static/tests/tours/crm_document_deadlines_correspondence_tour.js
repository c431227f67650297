import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

// A clerk registers an incoming letter with a reply deadline, forwards it
// to a colleague and answers it before the deadline.
registry.category("web_tour.tours").add("crm_document_deadlines_correspondence_tour", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps(
            "crm_document_deadlines.menu_correspondence_root",
            "Open Correspondence"
        ),
        {
            content: "Register a new entry",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Subject of the letter",
            trigger: '.o_field_widget[name="subject"] input',
            run: "edit Prośba o ofertę serwisową",
        },
        {
            content: "Sender",
            trigger: '.o_field_widget[name="partner_id"] input',
            run: "edit Tourowa Sp",
        },
        {
            content: "Pick the sender",
            trigger: ".o-autocomplete--dropdown-item:contains(Tourowa Sp. z o.o.)",
            run: "click",
        },
        {
            content: "Reply within 5 business days",
            trigger: '.o_field_widget[name="reply_days"] input',
            run: "edit 5 && press Tab",
        },
        {
            content: "The reply due date is computed",
            trigger: '.o_field_widget[name="reply_due"]:not(:empty)',
        },
        ...stepUtils.saveForm(),
        {
            content: "The letter has its incoming number",
            trigger: '.o_field_widget[name="name"]:contains(KP/)',
        },
        {
            content: "Forward it",
            trigger: 'button[name="action_forward"]',
            run: "click",
        },
        {
            content: "To the colleague",
            trigger: '.modal .o_field_widget[name="to_user_id"] input',
            run: "edit Tomasz Odbiorca",
        },
        {
            content: "Pick the colleague",
            trigger: ".o-autocomplete--dropdown-item:contains(Tomasz Odbiorca)",
            run: "click",
        },
        {
            content: "A note for the colleague",
            trigger: '.modal .o_field_widget[name="note"] textarea',
            run: "edit Proszę o przygotowanie oferty",
        },
        {
            content: "Confirm the forwarding",
            trigger: '.modal button[name="action_close"]',
            run: "click",
        },
        {
            content: "The colleague holds the letter now",
            trigger:
                '.o_form_view:not(:has(.modal)) .o_field_widget[name="holder_user_id"]:contains(Tomasz Odbiorca), .o_field_widget[name="holder_user_id"] input:value(Tomasz Odbiorca)',
        },
        {
            content: "Open the forwarding log",
            trigger: '.o_notebook a:contains("Forwarding log")',
            run: "click",
        },
        {
            content: "The forwarding is logged",
            trigger: '.o_field_widget[name="forward_ids"] td:contains(Proszę o przygotowanie oferty)',
        },
        {
            content: "Reply",
            trigger: 'button[name="action_reply"]',
            run: "click",
        },
        {
            content: "The reply is an outgoing entry with its own number",
            trigger: '.o_field_widget[name="name"]:contains(KW/)',
        },
        {
            content: "It answers the letter",
            trigger: '.o_field_widget[name="reply_to_id"]:contains(Prośba o ofertę serwisową)',
        },
    ],
});
