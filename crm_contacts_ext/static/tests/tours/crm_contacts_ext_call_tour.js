import { registry } from "@web/core/registry";

// A call rings: the active calls board shows it with the identified customer;
// the user opens it, writes a note and turns it into an activity.
registry.category("web_tour.tours").add("crm_contacts_ext_call_tour", {
    url: "/odoo/action-crm_contacts_ext.crm_call_action_active",
    steps: () => [
        {
            content: "The ringing call shows the identified customer",
            trigger: ".o_kanban_record:contains(Ewa Tourowa):contains(Tour Meble)",
            run: "click",
        },
        {
            content: "Write what the call was about",
            trigger: ".o_field_widget[name=note] textarea",
            run: "edit Wants a quotation for 10 desks",
        },
        {
            content: "Turn the note into an activity",
            trigger: "button[name=action_create_activity]",
            run: "click",
        },
        {
            content: "The activity is open",
            trigger: ".o_form_view .o_field_widget[name=summary] input",
        },
    ],
});
