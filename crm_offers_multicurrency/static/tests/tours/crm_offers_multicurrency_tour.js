import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

function addVariant(name) {
    return [
        {
            content: `Add the variant ${name}`,
            trigger: '.o_field_widget[name="variant_ids"] .o_field_x2many_list_row_add a',
            run: "click",
        },
        {
            content: "Name the variant",
            trigger: '.modal .o_field_widget[name="name"] input',
            run: `edit ${name}`,
        },
        {
            content: "The template's product is already there",
            trigger: '.modal .o_field_widget[name="line_ids"] .o_data_row:contains(Tour Chair)',
        },
        {
            content: "Save the variant",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The variant is listed",
            trigger: `.o_field_widget[name="variant_ids"] .o_data_row:contains(${name})`,
        },
    ];
}

// A salesperson creates an offer from their profile with two variants in two
// currencies, prices it, prints it and accepts one variant.
registry.category("web_tour.tours").add("crm_offers_multicurrency_tour", {
    steps: () => [
        {
            content: "New offer",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Customer",
            trigger: '.o_field_widget[name="partner_id"] input',
            run: "edit Tour Customer",
        },
        {
            content: "Pick the customer",
            trigger: ".o-autocomplete--dropdown-item a:contains(Tour Customer)",
            run: "click",
        },
        {
            content: "The default profile of the salesperson is chosen",
            trigger: '.o_field_widget[name="profile_id"] input:value(Tour Profile)',
        },
        ...addVariant("Basic"),
        ...addVariant("Premium"),
        ...stepUtils.saveForm(),
        {
            content: "Price the variants",
            trigger: 'button[name="action_create_quotations"]',
            run: "click",
        },
        {
            content: "Open the quotations (the tab shows once the offer is priced)",
            trigger: 'a[name="quotations"]',
            run: "click",
        },
        // each variant in each currency: rows with their content, whatever the
        // order in which the list loads them
        ...["Basic", "Premium"].flatMap((variant) =>
            [":contains(EUR)", ":not(:contains(EUR))"].map((currency) => ({
                content: `The ${variant} quotation in EUR and in the company's currency`,
                trigger: `.o_field_widget[name="order_ids"] .o_data_row:contains(${variant})${currency}`,
            }))
        ),
        {
            content: "Print the offer",
            trigger: 'button[name="action_print"]',
            run: "click",
        },
        {
            // the form's buttons stay disabled while the printout is rendered
            // and downloaded: the next click needs them back
            content: "The printout is done: the form's buttons are enabled again",
            trigger: '.o_form_view button[name="action_print"]:enabled',
            timeout: 60000,
        },
        {
            content: "Accept the Premium variant in EUR",
            trigger:
                '.o_field_widget[name="order_ids"] .o_data_row:contains(Premium):contains(EUR) button[name="action_offer_accept"]',
            run: "click",
        },
        {
            content: "The offer is won",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Won)",
        },
        {
            content: "The accepted quotation is the sales order, the others are cancelled",
            trigger:
                '.o_field_widget[name="order_ids"] .o_data_row:contains(Premium):contains(EUR):contains(Sales Order)',
        },
    ],
});
