import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

// A clerk with the personal-data right enters a person's PESEL: the birth
// date and sex fill in, the contact is saved with them.
registry.category("web_tour.tours").add("crm_contacts_ext_pesel_tour", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps("contacts.menu_contacts", "Open Contacts"),
        {
            content: "Create a contact",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "It is a person",
            trigger: '.o_field_widget[name="company_type"] input[data-value="person"]',
            run: "click",
        },
        {
            content: "The person form is shown (job position is for people only)",
            trigger: '.o_field_widget[name="function"] input',
        },
        {
            content: "Name",
            trigger: '.o_field_widget[name="name"] input, .o_field_widget[name="name"] textarea',
            run: "edit Ewa Tourowska",
        },
        {
            content: "PESEL with spaces, as people type it",
            trigger: '.o_field_widget[name="pesel_input"] input',
            run: "edit 850715 12348 && press Tab",
        },
        {
            content: "Open the personal information tab",
            trigger: 'a[name="personal_information_page"]',
            run: "click",
        },
        {
            content: "Birth date came from the PESEL",
            trigger: '.o_field_widget[name="birthdate_date"] button:contains(1985)',
        },
        {
            content: "Sex came from the PESEL",
            trigger: '.o_field_widget[name="gender"]:contains(Female), .o_field_widget[name="gender"] input:value(Female)',
        },
        ...stepUtils.saveForm(),
    ],
});
