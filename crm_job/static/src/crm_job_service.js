import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";

/**
 * A notification when one of the user's background jobs is done (with its
 * file to download) or failed, in every tab of the user.
 */
export const crmJobService = {
    dependencies: ["bus_service", "notification", "action"],
    start(env, { bus_service, notification, action }) {
        bus_service.subscribe("crm_job", (job) => {
            if (job.state === "done") {
                const buttons = [];
                if (job.url) {
                    buttons.push({
                        name: _t("Download"),
                        primary: true,
                        onClick: () =>
                            action.doAction({
                                type: "ir.actions.act_url",
                                url: job.url,
                                target: "download",
                            }),
                    });
                }
                notification.add(job.message || _t("Done."), {
                    title: job.name,
                    type: "success",
                    sticky: Boolean(job.url),
                    buttons,
                });
            } else if (job.state === "failed") {
                notification.add(job.message, {
                    title: job.name,
                    type: "danger",
                    sticky: true,
                });
            }
        });
        bus_service.start();
    },
};

registry.category("services").add("crm_job", crmJobService);
