"""Six events of one new call posted at once to a running server (issue 15
item 15): every answer must be the JSON of the call's state, and the
database must hold one call.

    python3 bench/crm_contacts_ext_pbx_concurrency.py http://localhost:8069 <PBX key>
"""

import sys
import uuid
from concurrent.futures import ThreadPoolExecutor

import requests

EVENTS = ["ringing", "ringing", "answered", "ringing", "answered", "ringing"]


def main(url, key):
    call_id = f"bench-{uuid.uuid4()}"

    def post(event):
        return requests.post(
            f"{url}/crm_contacts_ext/pbx/event",
            json={"call_id": call_id, "event": event, "caller": "601234567"},
            headers={"Authorization": f"Bearer {key}"},
            timeout=60,
        )

    with ThreadPoolExecutor(len(EVENTS)) as pool:
        responses = list(pool.map(post, EVENTS))
    calls = set()
    for response in responses:
        print(response.status_code, response.headers.get("Content-Type"))
        calls.add(response.json()["call"])
    print("calls:", calls)
    return 0 if len(calls) == 1 and {r.status_code for r in responses} == {200} else 1


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
