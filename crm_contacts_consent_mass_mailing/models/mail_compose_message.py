from odoo import models
from odoo.tools import SQL

# what a recipient without a valid consent is cancelled with, by current state
FAILURES = {
    "withdrawn": "crm_consent_withdrawn",
    "expired": "crm_consent_expired",
}


class MailComposeMessage(models.TransientModel):
    _inherit = "mail.compose.message"

    def _process_mail_values_state(self, mail_values_dict):
        """Cancel the mails of the recipients without a valid consent for the
        mailing's purpose by e-mail. Called for every batch of the send, so
        the consent is read again for each batch: a withdrawal while a large
        mailing is being sent stops the rest of it."""
        mail_values_dict = super()._process_mail_values_state(mail_values_dict)
        mailing = self.mass_mailing_id
        purpose = mailing.crm_consent_purpose_id if mailing else False
        if not (self._is_mass_mailing() and purpose):
            return mail_values_dict
        todo = {
            res_id: values
            for res_id, values in mail_values_dict.items()
            if values.get("state") not in ("cancel", "exception")
        }
        if not todo:
            return mail_values_dict
        states = self._crm_consent_recipient_states(todo, purpose)
        for res_id, values in todo.items():
            state = states.get(res_id)
            if state == "given":
                continue
            values["state"] = "cancel"
            values["failure_type"] = FAILURES.get(state, "crm_consent_missing")
            values["is_notification"] = False
        return mail_values_dict

    def _crm_consent_recipient_states(self, mail_values_dict, purpose):
        """{res_id: consent state} for the batch, in one query: a contact's own
        consent for a mailing to contacts, else the best consent of the
        contacts with the recipient's e-mail address."""
        Consent = self.env["crm.consent"].sudo()
        channel = Consent._crm_channel("email")
        if not channel:
            return {}
        res_ids = list(mail_values_dict)
        if self.model == "res.partner":
            return Consent._crm_consent_states(res_ids, channel, purpose)
        recipients = self._get_recipients_data(mail_values_dict)
        emails = {
            res_id: set(recipients[res_id]["mail_to_normalized"] or [])
            for res_id in res_ids
        }
        all_emails = list(set().union(*emails.values()))
        if not all_emails:
            return {}
        self.env["res.partner"].flush_model(["email_normalized"])
        self.env.cr.execute(
            SQL(
                "SELECT p.email_normalized, s.state FROM (%s) s(partner_id, state) "
                "JOIN res_partner p ON p.id = s.partner_id",
                Consent._crm_consent_states_sql(
                    SQL(
                        "SELECT id FROM res_partner WHERE email_normalized = ANY(%s)",
                        all_emails,
                    ),
                    channel,
                    purpose,
                ),
            )
        )
        # a mailbox may be mailed when one of its contacts agreed
        rank = {"given": 0, "withdrawn": 1, "expired": 2, "pending": 3}
        by_email = {}
        for email, state in self.env.cr.fetchall():
            if email not in by_email or rank[state] < rank[by_email[email]]:
                by_email[email] = state
        result = {}
        for res_id, addresses in emails.items():
            found = [by_email[e] for e in addresses if e in by_email]
            if found:
                result[res_id] = min(found, key=rank.get)
        return result
