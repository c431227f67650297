import { onWillUnmount } from "@odoo/owl";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { BadgeField, badgeField } from "@web/views/fields/badge/badge_field";

/**
 * The state of a background job, as a badge that keeps its record (the job's
 * dialog: progress bar, download link) up to date while the job is queued or
 * running: reloaded on the job's bus notifications and, should the bus be
 * disconnected, every few seconds (a read-only read, served by a replica).
 */
export class CrmJobStateField extends BadgeField {
    setup() {
        super.setup();
        const busService = useService("bus_service");
        const onMessage = (payload) => {
            if (payload.id === this.props.record.resId) {
                this.reload();
            }
        };
        busService.subscribe("crm_job", onMessage);
        const interval = setInterval(() => this.reload(), 3000);
        onWillUnmount(() => {
            clearInterval(interval);
            busService.unsubscribe("crm_job", onMessage);
        });
    }

    get pending() {
        return ["queued", "running"].includes(this.props.record.data.state);
    }

    async reload() {
        if (this.pending && !this.loading) {
            this.loading = true;
            try {
                await this.props.record.load();
            } finally {
                this.loading = false;
            }
        }
    }
}

registry.category("fields").add("crm_job_state", {
    ...badgeField,
    component: CrmJobStateField,
});
