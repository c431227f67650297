import { registry } from "@web/core/registry";

// From a subsidiary, "Group" opens the tree of its holding, and only that.
registry.category("web_tour.tours").add("crm_contacts_ext_group_tour", {
    steps: () => [
        // the smart button may sit under "More" when many addons add theirs:
        // the link of the Customer Relationship tab is always there
        {
            content: "Open the Customer Relationship tab",
            trigger: 'a[name="crm_customer_page"]',
            run: "click",
        },
        {
            content: "Open the group of the subsidiary",
            trigger: '.tab-pane.active button[name="action_open_crm_group"]',
            run: "click",
        },
        {
            content: "The tree starts at the top of the group, its companies below",
            trigger: ".o_hierarchy_node:contains(Meblex Logistyka)",
        },
        {
            content: "Only the group's companies are drawn",
            trigger: ".o_hierarchy_node:contains(Meblex Design)",
            run() {
                const names = [...document.querySelectorAll(".o_hierarchy_node")].map(
                    (node) => node.textContent.trim()
                );
                if (names.length !== 3 || names.some((name) => !name.includes("Meblex"))) {
                    throw new Error(`Unexpected nodes in the group tree: ${names}`);
                }
            },
        },
    ],
});
