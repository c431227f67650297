import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

// A clerk registers a contract, activates it and renews it: the next version
// opens, linked to the first one in the versions tab.
registry.category("web_tour.tours").add("crm_document_deadlines_document_tour", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps("crm_document_deadlines.menu_documents_root", "Open Documents"),
        {
            content: "New document",
            trigger: ".o_list_button_add, .o-kanban-button-new",
            run: "click",
        },
        {
            content: "Title",
            trigger: '.o_field_widget[name="title"] input',
            run: "edit Umowa najmu magazynu",
        },
        {
            content: "Type",
            trigger: '.o_field_widget[name="type_id"] input',
            run: "edit Contract",
        },
        {
            content: "Pick the type",
            trigger: ".o-autocomplete--dropdown-item:contains(Contract)",
            run: "click",
        },
        {
            content: "The notice period comes from the type",
            trigger: '.o_field_widget[name="notice_days"] input:value(90)',
        },
        {
            content: "Valid from",
            trigger: '.o_field_widget[name="valid_from"] input',
            run: "edit 01/01/2026 && press Escape",
        },
        {
            content: "Valid to",
            trigger: '.o_field_widget[name="valid_to"] input',
            run: "edit 12/31/2026 && press Escape",
        },
        {
            content: "The notice deadline is computed",
            trigger: '.o_field_widget[name="notice_deadline"]',
        },
        ...stepUtils.saveForm(),
        {
            content: "Activate",
            trigger: 'button[name="action_confirm"]',
            run: "click",
        },
        {
            content: "Renew",
            trigger: 'button[name="action_renew"]',
            run: "click",
        },
        {
            content: "The next version opens",
            trigger: '.o_field_widget[name="version"]:contains(2)',
        },
        {
            content: "Open the versions",
            trigger: '.o_notebook a:contains("Versions")',
            run: "click",
        },
        {
            content: "Both versions are listed",
            trigger: '.o_field_widget[name="version_ids"] .o_data_row:nth-child(2)',
        },
    ],
});
