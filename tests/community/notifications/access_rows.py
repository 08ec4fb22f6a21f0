"""Notification settings and the signed unsubscribe link."""

from community.notifications.services import unsubscribe_token
from tests.access import Row


def setup(people):
    return {"token": unsubscribe_token(people["teacher"])}


ROWS = [
    Row("notifications:settings", expect={"*": 200, "visitor": 302}),
    # The signed token is the credential: anyone holding the mail's link may use it.
    Row("notifications:unsubscribe", args=lambda o: [o["token"]], expect={"*": 200}),
    Row("notifications:unsubscribe", args=lambda o: ["forged-token"], expect={"*": 400}),
]
