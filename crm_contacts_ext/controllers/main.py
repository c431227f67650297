import json
from datetime import UTC, datetime

from odoo import SUPERUSER_ID, http
from odoo.http import request

from ..models.crm_call import CALL_EVENTS

MAX_BODY = 4096  # bytes; a PBX request is a few hundred
MAX_NUMBER = 32
MAX_TEXT = 128


class BadRequest(Exception):
    pass


def _text(payload, key, limit, required=False):
    value = payload.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip():
        raise BadRequest(f"'{key}' must be a non-empty string")
    if len(value) > limit:
        raise BadRequest(f"'{key}' is longer than {limit} characters")
    return value.strip()


def _timestamp(value):
    """Unix seconds or ISO 8601 (with an offset, or UTC) → naive UTC."""
    if value is None:
        return datetime.now(UTC).replace(tzinfo=None, microsecond=0)
    try:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            moment = datetime.fromtimestamp(value, UTC)
        elif isinstance(value, str) and len(value) <= 40:
            moment = datetime.fromisoformat(value)
        else:
            raise ValueError
    except (ValueError, OverflowError, OSError):
        raise BadRequest(
            "'timestamp' must be Unix seconds or an ISO 8601 date-time"
        ) from None
    if moment.tzinfo:
        moment = moment.astimezone(UTC)
    return moment.replace(tzinfo=None, microsecond=0)


class CrmPbxController(http.Controller):
    """Endpoints a phone system calls: caller identification and call events.

    Authentication: ``Authorization: Bearer <key of a PBX>`` (Contacts →
    Configuration → Phone Systems). No key → 401, an unknown or revoked key →
    403; nothing is read or written before the key is checked.
    """

    def _reply(self, data, status=200):
        return request.make_json_response(data, status=status)

    def _error(self, status, message):
        return self._reply({"error": message}, status=status)

    def _handle(self, allowed_keys, handler):
        env = request.env(user=SUPERUSER_ID, su=True)
        header = request.httprequest.headers.get("Authorization", "")
        scheme, _sep, key = header.partition(" ")
        if scheme.lower() != "bearer" or not key.strip():
            return self._error(
                401, "Missing API key: send 'Authorization: Bearer <key>'."
            )
        pbx = env["crm.pbx"]._authenticate(key.strip())
        if not pbx:
            return self._error(403, "Unknown or revoked API key.")
        length = request.httprequest.content_length
        if length is None:
            return self._error(411, "Send the body with a Content-Length.")
        if length > MAX_BODY:
            return self._error(413, f"Body larger than {MAX_BODY} bytes.")
        body = request.httprequest.get_data()
        try:
            payload = json.loads(body)
        except (ValueError, UnicodeDecodeError):
            return self._error(400, "The body is not valid JSON.")
        if not isinstance(payload, dict):
            return self._error(400, "The body must be a JSON object.")
        unknown = sorted(set(payload) - set(allowed_keys))
        if unknown:
            return self._error(400, f"Unknown keys: {', '.join(unknown)}.")
        try:
            return self._reply(handler(env, pbx, payload))
        except BadRequest as error:
            return self._error(400, str(error))

    @http.route(
        "/crm_contacts_ext/pbx/identify",
        type="http",
        auth="none",
        methods=["POST"],
        csrf=False,
        save_session=False,
        readonly=True,
    )
    def identify(self):
        """{"number": "601 234 567"} → the matching contacts, best first."""
        return self._handle(("number",), self._identify)

    def _identify(self, env, pbx, payload):
        number = _text(payload, "number", MAX_NUMBER, required=True)
        Partner = env["res.partner"]
        e164 = Partner._crm_normalize_number(number, pbx.company_id)
        partners = e164 and Partner._crm_caller_search(e164, pbx.company_id)
        return {
            "number": e164 or None,
            "matches": partners._crm_caller_cards(pbx.company_id) if partners else [],
        }

    @http.route(
        "/crm_contacts_ext/pbx/event",
        type="http",
        auth="none",
        methods=["POST"],
        csrf=False,
        save_session=False,
        readonly=False,
    )
    def event(self):
        """A call rings, is answered or ends: the call record follows it."""
        return self._handle(
            (
                "call_id",
                "event",
                "direction",
                "caller",
                "called",
                "extension",
                "timestamp",
            ),
            self._event,
        )

    def _event(self, env, pbx, payload):
        values = {
            "call_id": _text(payload, "call_id", MAX_TEXT, required=True),
            "event": payload.get("event"),
            "direction": payload.get("direction", "inbound"),
            "caller": _text(payload, "caller", MAX_NUMBER),
            "called": _text(payload, "called", MAX_NUMBER),
            "extension": _text(payload, "extension", MAX_NUMBER),
            "timestamp": _timestamp(payload.get("timestamp")),
        }
        if values["event"] not in CALL_EVENTS:
            raise BadRequest(f"'event' must be one of {', '.join(CALL_EVENTS)}")
        if values["direction"] not in ("inbound", "outbound"):
            raise BadRequest("'direction' must be inbound or outbound")
        call = env["crm.call"].with_company(pbx.company_id)._pbx_event(pbx, values)
        return {
            "call": call.id,
            "state": call.state,
            "outcome": call.outcome or None,
            "partner": call.partner_id.id or None,
            "partner_name": call.partner_id.name or None,
        }
