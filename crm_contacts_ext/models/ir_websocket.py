from odoo import models

BOARD_CHANNEL = "crm_contacts_ext.calls"


class IrWebsocket(models.AbstractModel):
    _inherit = "ir.websocket"

    def _build_bus_channel_list(self, channels):
        """The active calls board asks for its channel by name; an internal
        user gets the call channels of their companies instead."""
        channels = list(channels)
        if BOARD_CHANNEL in channels:
            channels.remove(BOARD_CHANNEL)
            if self.env.user._is_internal():
                channels.extend(
                    (company, "crm_calls") for company in self.env.user.company_ids
                )
        return super()._build_bus_channel_list(channels)
