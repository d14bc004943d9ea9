"""Every refusal a service or schema can raise has a Chinese text for the pages.

The JSON API answers in English; the pages look the message up in `REFUSALS` (through
`volunteer.pages.forms.translated`). The scan below finds every fixed message in the code, so
a new refusal without an entry fails here instead of showing in English on a Chinese page.
"""

import ast
from pathlib import Path

from flask_babel import force_locale
from marshmallow import ValidationError

from tests.pages.helpers import log_in, submit
from volunteer.errors import Conflict, Forbidden, Invalid
from volunteer.pages.forms import Form, translated
from volunteer.refusals import REFUSALS

ROOT = Path(__file__).parent.parent / "volunteer"
ERRORS = {
    "DomainError",
    "Unauthorized",
    "Forbidden",
    "NotFound",
    "Conflict",
    "Invalid",
    "TooManyRequests",
    "ValidationError",
}


def error_classes(trees) -> set[str]:
    """The error classes, with every subclass defined in the code (e.g. PayloadTooLarge)."""
    names = set(ERRORS)
    classes = [node for tree in trees for node in ast.walk(tree) if isinstance(node, ast.ClassDef)]
    while True:
        more = {
            c.name
            for c in classes
            if any(getattr(base, "id", getattr(base, "attr", None)) in names for base in c.bases)
        }
        if more <= names:
            return names
        names |= more


def message_nodes(call: ast.Call, name: str) -> list[ast.expr]:
    """The argument that carries the message: `Invalid(field, message)`, else the first."""
    position = 1 if name == "Invalid" else 0
    nodes = call.args[position : position + 1]
    return nodes + [k.value for k in call.keywords if k.arg == "message"]


def literal_messages() -> dict[str, str]:
    """Each fixed message in the code, with where it is raised."""
    trees = {path: ast.parse(path.read_text()) for path in sorted(ROOT.rglob("*.py"))}
    names = error_classes(trees.values())
    found: dict[str, str] = {}

    def note(node, path):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            found.setdefault(node.value, f"{path.relative_to(ROOT.parent)}:{node.lineno}")

    for path, tree in trees.items():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", getattr(node.func, "attr", None))
                if name in names:
                    for message in message_nodes(node, name):
                        note(message, path)
                for keyword in node.keywords:  # a validator's own message: Regexp(..., error=)
                    if keyword.arg == "error":
                        note(keyword.value, path)
            elif isinstance(node, ast.Assign) and any(
                getattr(target, "id", None) == "default_error_messages" for target in node.targets
            ):
                for value in getattr(node.value, "values", []):
                    note(value, path)
    return found


def test_the_scan_finds_the_refusals():
    found = literal_messages()
    assert found["Only the community's secretary may do this."].startswith("volunteer/")
    assert "Not an active team this order can be dispatched to." in found  # Invalid's 2nd arg
    assert "A photo may be at most 5 MB." in found  # a subclass defined outside errors.py
    assert "Give exactly one of team_id, member_id or pool: true." in found  # ValidationError
    assert "Not a mainland China mobile number." in found  # default_error_messages
    assert not any(message.startswith("{") for message in found)


def test_every_refusal_in_the_code_has_a_translation():
    missing = {m: where for m, where in literal_messages().items() if m not in REFUSALS}
    assert missing == {}


def test_refusals_map_each_message_to_itself():
    assert all(str(text) == message for message, text in REFUSALS.items())


def test_translated_gives_the_refusal_in_chinese(app):
    with app.test_request_context(headers={"Accept-Language": "zh"}):
        assert (
            translated("Only the community's secretary may do this.") == "只有本社区书记可以操作。"
        )
    with app.test_request_context(), force_locale("en"):
        assert translated("No such order.") == "No such order."


def test_a_form_shows_a_refusal_and_its_field_errors_in_chinese(app):
    with app.test_request_context(method="POST", data={"phone": ""}):
        form = Form()
        with form.handling():
            raise Forbidden("Only the community's secretary may do this.")
        assert form.problem == "只有本社区书记可以操作。"
        assert form.status == 422
        form = Form()
        with form.handling():
            raise Invalid("employer_id", "Only in-service members have an employer.")
        assert form.errors == {"employer_id": ["只有在职党员才填写工作单位。"]}
        form = Form()
        with form.handling():
            raise ValidationError("Text may not contain NUL characters.")
        assert form.problem == "文字中不能含有空字符。"
        form = Form()
        with form.handling():
            raise Conflict("An unlisted message stays as it came.")
        assert form.problem == "An unlisted message stays as it came."


def test_a_refused_one_button_action_is_flashed_in_chinese(client, district):
    log_in(client, "dangyuan")
    path = f"/member/teams/{district.repair_team}/join"
    submit(client, path, form_page="/member")  # already in it, or joins now
    submit(client, path, form_page="/member")
    page = client.get("/member").data.decode()
    assert "您已在这个服务队中。" in page
    assert "You are already in this team." not in page


def test_refusals_naming_a_state_name_it_in_chinese(app):
    with app.test_request_context(headers={"Accept-Language": "zh"}):
        assert (
            translated("Cannot claim an order that is closed.")
            == "无法操作：该工单当前状态为“已完结”。"
        )
        assert "已派单" in translated("The order is dispatched.")
        assert "已发送" in translated("The report is sent; only a draft can be sent.")
        assert "服务队" in translated("The team is active, not proposed.")
        assert "报到" in translated("The report-in is active, not pending.")
        # A state the pages do not know stays as it came.
        assert translated("The order is lost.") == "The order is lost."
