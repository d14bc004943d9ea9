"""Refusals are translated where they are raised, and shown in the language of the response.

Services raise `DomainError`s with a lazily translated message (`Forbidden(_l("…"))`); schemas
raise marshmallow messages as `volunteer.i18n.Message`s. The scan below checks every raise in
the code, and that each message has a Chinese text, so a new refusal cannot show in English on a
Chinese page. The JSON API answers in English unless the request names a language.
"""

import ast
from pathlib import Path

from babel.messages.pofile import read_po
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from marshmallow import ValidationError

from tests.pages.helpers import log_in, submit
from volunteer.errors import Conflict, Forbidden, Invalid
from volunteer.i18n import FIELD_MESSAGES, VALIDATOR_MESSAGES, Message, localised, state_name
from volunteer.labels import STATUS_NAMES
from volunteer.orders.schemas import CompleteSchema, RateSchema
from volunteer.pages.forms import Form
from volunteer.teams.models import TeamStatus

ROOT = Path(__file__).parent.parent / "volunteer"
CATALOGUE = ROOT / "translations/zh_Hans_CN/LC_MESSAGES/messages.po"
LAZY = {"_l", "lazy_gettext"}
EAGER = {"_", "gettext"}  # pages, inside a request: already in the user's language
ERRORS = {"DomainError", "Unauthorized", "Forbidden", "NotFound", "Conflict", "Invalid"}
ERRORS |= {"TooManyRequests"}


def trees() -> dict[Path, ast.Module]:
    return {path: ast.parse(path.read_text()) for path in sorted(ROOT.rglob("*.py"))}


def error_classes(modules) -> set[str]:
    """The refusal classes, with every subclass defined in the code (e.g. PayloadTooLarge)."""
    names = set(ERRORS)
    classes = [
        node for tree in modules for node in ast.walk(tree) if isinstance(node, ast.ClassDef)
    ]
    while True:
        more = {
            c.name
            for c in classes
            if any(getattr(base, "id", getattr(base, "attr", None)) in names for base in c.bases)
        }
        if more <= names:
            return names
        names |= more


def called(node: ast.AST) -> str | None:
    if isinstance(node, ast.Call):
        return getattr(node.func, "id", getattr(node.func, "attr", None))
    return None


def refusal_messages(call: ast.Call, name: str) -> list[ast.expr]:
    """What carries the message: `Invalid(field, message)` and `errors=`'s values, else the
    first argument or `message=`."""
    position = 1 if name == "Invalid" else 0
    nodes = call.args[position : position + 1]
    nodes += [k.value for k in call.keywords if k.arg == "message"]
    return nodes


def grant_errors(tree: ast.Module) -> list[ast.expr]:
    """Messages put into an `errors` dict by hand (`errors[field] = [...]`)."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.List):
            target = node.targets[0]
            if isinstance(target, ast.Subscript) and getattr(target.value, "id", "") == "errors":
                found.extend(node.value.elts)
    return found


def scan() -> tuple[dict[str, str], dict[str, str], list[str]]:
    """(msgids of refusals, msgids of marshmallow messages, messages not marked), each with
    where it is raised."""
    modules = trees()
    names = error_classes(modules.values())
    refusals: dict[str, str] = {}
    schema_messages: dict[str, str] = {}
    unmarked: list[str] = []

    def check(node, path, marks, found):
        where = f"{path.relative_to(ROOT.parent)}:{node.lineno}"
        kind = called(node)
        if kind in marks:
            message = node.args[0]
            assert isinstance(message, ast.Constant), where  # extraction needs a literal
            found.setdefault(message.value, where)
        elif isinstance(node, ast.Constant | ast.JoinedStr | ast.BinOp) or called(node):
            unmarked.append(where)  # a literal, an f-string, "…" % …, str(…), "…".format()

    for path, tree in modules.items():
        for node in ast.walk(tree):
            name = called(node)
            if name in names:
                for message in refusal_messages(node, name):
                    check(message, path, LAZY | EAGER, refusals)
            elif name == "ValidationError":
                for message in node.args[:1]:
                    check(message, path, {"Message"}, schema_messages)
            if isinstance(node, ast.Call):
                for keyword in node.keywords:  # a validator's own message: Regexp(..., error=)
                    if keyword.arg == "error":
                        check(keyword.value, path, {"Message"}, schema_messages)
            if isinstance(node, ast.Assign) and any(
                getattr(target, "id", None) == "default_error_messages" for target in node.targets
            ):
                for value in getattr(node.value, "values", []):
                    check(value, path, {"Message"}, schema_messages)
        for message in grant_errors(tree):
            check(message, path, LAZY, refusals)
    return refusals, schema_messages, unmarked


def chinese() -> dict[str, str]:
    with CATALOGUE.open("rb") as po:
        return {m.id: m.string for m in read_po(po) if m.id and m.string and not m.fuzzy}


def test_the_scan_finds_the_refusals():
    refusals, schema_messages, _ = scan()
    assert refusals["Only the community's secretary may do this."].startswith("volunteer/")
    assert "Not an active team this order can be dispatched to." in refusals  # Invalid's 2nd
    assert "A photo may be at most 5 MB." in refusals  # a subclass defined outside errors.py
    assert "Cannot %(action)s an order that is %(status)s." in refusals  # a state named
    assert "Required for the role %(role)s." in refusals  # an errors dict built by hand
    assert "Give exactly one of team_id, member_id or pool: true." in schema_messages
    assert "Not a mainland China mobile number." in schema_messages  # default_error_messages
    assert "3 to 32 characters: lower-case letters, digits or _." in schema_messages  # error=


def test_every_refusal_is_marked_for_translation_where_it_is_raised():
    assert scan()[2] == []


def test_every_refusal_and_schema_message_has_a_chinese_text():
    refusals, schema_messages, _ = scan()
    installed = {
        message.msgid: f"volunteer/i18n.py: {owner.__name__}"
        for table in (FIELD_MESSAGES, VALIDATOR_MESSAGES)
        for owner, messages in table.items()
        for message in messages.values()
    }
    translated = chinese()
    everything = {**refusals, **schema_messages, **installed}
    assert {m: where for m, where in everything.items() if m not in translated} == {}


def test_a_form_shows_a_refusal_and_its_field_errors_in_chinese(app):
    with app.test_request_context(method="POST", data={"phone": ""}):
        form = Form()
        with form.handling():
            raise Forbidden(_l("Only the community's secretary may do this."))
        assert form.problem == "只有本社区书记可以操作。"
        assert form.status == 422
        form = Form()
        with form.handling():
            raise Invalid("employer_id", _l("Only in-service members have an employer."))
        assert form.errors == {"employer_id": ["只有在职党员才填写工作单位。"]}
        form = Form()
        with form.handling():
            raise ValidationError(Message("Text may not contain NUL characters."))
        assert form.problem == "文字中不能含有空字符。"


def test_schema_messages_arrive_translated_on_a_page(app):
    with app.test_request_context(method="POST", data={"note": "x", "hours": "9"}):
        form = Form()
        with form.handling():
            form.load(CompleteSchema(), "note", "hours", coerce={"hours": float})
        assert form.errors == {"hours": ["请填写 0.5 到 8 之间的数。"]}
        form = Form()
        with form.handling():
            form.load(RateSchema(), "score")
        assert form.errors == {"score": ["此项必填。"]}
    with app.test_request_context(), force_locale("en"):
        form = Form()
        with form.handling():
            RateSchema().load({"score": 9})
        assert form.errors == {
            "score": ["Must be greater than or equal to 1 and less than or equal to 5."]
        }


def test_a_refused_one_button_action_is_flashed_in_chinese(client, district):
    log_in(client, "dangyuan")
    path = f"/member/teams/{district.repair_team}/join"
    submit(client, path, form_page="/member")  # already in it, or joins now
    submit(client, path, form_page="/member")
    page = client.get("/member").data.decode()
    assert "您已在这个服务队中。" in page
    assert "You are already in this team." not in page


def test_refusals_naming_a_state_name_it_in_the_users_language(app):
    closed = Conflict(
        _l(
            "Cannot %(action)s an order that is %(status)s.",
            action="claim",
            status=state_name("closed", STATUS_NAMES),
        )
    )
    team = Conflict(
        _l(
            "The team is %(status)s, not proposed.",
            status=state_name("active", TeamStatus.labels()),
        )
    )
    with app.test_request_context(headers={"Accept-Language": "zh"}):
        assert localised(closed.message) == "无法操作：该工单当前状态为“已完结”。"
        assert localised(team.message) == "无法操作：该服务队当前状态为“服务中”。"
    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert localised(closed.message) == "Cannot claim an order that is closed."
        assert localised(team.message) == "The team is active, not proposed."  # the code


def test_the_api_answers_refusals_in_english_by_default(district, post_order):
    order = post_order()
    district.api.secretary.post(f"/orders/{order['id']}/reject", json={"reason": "不属于服务范围"})
    refused = district.api.secretary.post(f"/orders/{order['id']}/accept")
    assert refused.status_code == 409
    assert refused.json["message"] == "Cannot accept an order that is rejected."
    missing = district.api.resident.get("/orders/999999")
    assert missing.json["message"] == "No such order."
    invalid = district.api.resident.post("/orders", json={})
    assert invalid.json["errors"]["title"] == ["Missing data for required field."]


def test_the_api_answers_in_chinese_when_asked(district, post_order):
    order = post_order()
    district.api.secretary.post(f"/orders/{order['id']}/reject", json={"reason": "不属于服务范围"})
    zh = {"Accept-Language": "zh-CN,zh;q=0.9"}
    refused = district.api.secretary.post(f"/orders/{order['id']}/accept", headers=zh)
    assert refused.status_code == 409
    assert refused.json["message"] == "无法操作：该工单当前状态为“未受理”。"
    missing = district.api.resident.get("/orders/999999?lang=zh")
    assert missing.json["message"] == "没有这个工单。"
    invalid = district.api.resident.post("/orders", json={}, headers=zh)
    assert invalid.json["errors"]["title"] == ["此项必填。"]
    assert invalid.json["message"] == "Validation failed."  # the envelope stays the same


def test_a_resident_is_told_plainly_that_a_request_has_moved_on(client, district, claimed):
    log_in(client, "jumin")
    page = f"/my/orders/{claimed['id']}"
    response = submit(client, f"{page}/cancel", {}, form_page=page)
    shown = client.get(response.headers["Location"]).data.decode()
    assert "现在不能这样操作了：诉求的办理已有新进展，请看当前状态。" in shown
    assert "无法操作" not in shown  # not the state refusal the API gives
