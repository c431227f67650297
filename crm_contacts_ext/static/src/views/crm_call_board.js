import { onWillUnmount } from "@odoo/owl";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { KanbanController } from "@web/views/kanban/kanban_controller";
import { kanbanView } from "@web/views/kanban/kanban_view";

// The active calls board reloads itself when a call of the user's companies
// rings, is answered or ends (the server pushes it on Odoo's bus).
export class CrmCallBoardController extends KanbanController {
    setup() {
        super.setup();
        this.busService = useService("bus_service");
        this.onCallUpdate = () => this.model.load();
        this.busService.addChannel("crm_contacts_ext.calls");
        this.busService.subscribe("crm_contacts_ext.call_update", this.onCallUpdate);
        onWillUnmount(() => {
            this.busService.unsubscribe("crm_contacts_ext.call_update", this.onCallUpdate);
            this.busService.deleteChannel("crm_contacts_ext.calls");
        });
    }
}

registry.category("views").add("crm_call_board", {
    ...kanbanView,
    Controller: CrmCallBoardController,
});
