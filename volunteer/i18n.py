"""Refusals and validation messages in the language of the response.

Services raise refusals with lazily translated messages (`Forbidden(_l("…"))`); marshmallow's own
messages get their translations here, once (`Message`, installed on import). Both stay English
until shown: a page shows them in the user's language, the JSON API in English (stable for
clients) unless the request names a language (`?lang=` or Accept-Language).
"""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from flask import has_request_context, request
from flask_babel import force_locale, get_locale, gettext
from flask_babel.speaklater import LazyString
from marshmallow import fields, validate


class Message(str):
    """A marshmallow message: English text (what marshmallow and the JSON body carry) that keeps
    its msgid and the values marshmallow formatted it with, so it can be said in any language.

    marshmallow formats a message with `str.format` when it raises it (Range twice: the bounds'
    words when it is built, the bounds when it fails); the translation is formatted the same."""

    msgid: str
    steps: tuple[dict, ...]

    def __new__(cls, msgid: str, *steps: dict) -> "Message":
        text = msgid
        for values in steps:
            text = text.format(**values)
        self = super().__new__(cls, text)
        self.msgid = msgid
        self.steps = steps
        return self

    def format(self, *args: object, **values: object) -> "Message":
        if args:  # marshmallow names its values; a positional one would be lost in translation
            raise TypeError("Message.format takes named values only")
        return Message(self.msgid, *self.steps, values)

    def translated(self) -> str:
        text = gettext(self.msgid)
        for values in self.steps:
            text = text.format(**values)
        return text


def localised(message: object) -> str:
    """A message (lazy, a marshmallow `Message`, or plain text) as text in the current language;
    English outside a request (the command line)."""
    if has_request_context():
        return _text(message)
    with force_locale("en"):
        return _text(message)


def _text(message: object) -> str:
    return message.translated() if isinstance(message, Message) else str(message)


def state_name(code: str, names: dict) -> LazyString:
    """A state named in a refusal: its label in the user's language, its code in English (as
    the API has always said it: "The team is active.")."""

    def name() -> str:
        locale = get_locale()
        return code if locale is None or locale.language == "en" else str(names.get(code, code))

    return LazyString(name)


def localised_all(value: object) -> object:
    """Messages in a (nested) dict or list of field errors, localised."""
    if isinstance(value, dict):
        return {key: localised_all(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [localised_all(item) for item in value]
    return localised(value)


def api_language() -> str:
    """The JSON API's refusals: English unless `?lang=` or Accept-Language names a language."""
    from volunteer import LANGUAGES

    choice = request.args.get("lang")
    if choice in LANGUAGES:
        return LANGUAGES[choice]
    if request.accept_languages:
        return LANGUAGES[request.accept_languages.best_match(list(LANGUAGES), default="en")]
    return "en"


@contextmanager
def response_language() -> Iterator[None]:
    """Within: messages render as the response speaks (the API's choice under /api, else the
    user's language)."""
    if has_request_context() and request.path.startswith("/api"):
        with force_locale(api_language()):
            yield
    else:
        yield


# marshmallow's messages that reach the pages, with their translations in the catalogue.
FIELD_MESSAGES: dict[type[fields.Field], dict[str, Any]] = {
    fields.Field: {
        "required": Message("Missing data for required field."),
        "null": Message("Field may not be null."),
    },
    fields.Integer: {"invalid": Message("Not a valid integer.")},
    fields.Number: {"invalid": Message("Not a valid number.")},
    fields.Date: {"invalid": Message("Not a valid date.")},
    fields.Boolean: {"invalid": Message("Not a valid boolean.")},
    fields.Email: {"invalid": Message("Not a valid email address.")},
}
VALIDATOR_MESSAGES = {
    validate.Length: {
        "message_min": Message("Shorter than minimum length {min}."),
        "message_max": Message("Longer than maximum length {max}."),
        "message_all": Message("Length must be between {min} and {max}."),
    },
    validate.OneOf: {"default_message": Message("Must be one of: {choices}.")},
    validate.Range: {"message_all": Message("Must be {min_op} {{min}} and {max_op} {{max}}.")},
    validate.Email: {"default_message": Message("Not a valid email address.")},
}


def install() -> None:
    """Give marshmallow these messages; before any schema is built (fields and validators copy
    their messages when they are made)."""
    for field, messages in FIELD_MESSAGES.items():
        field.default_error_messages = {**field.default_error_messages, **messages}
    for validator, messages in VALIDATOR_MESSAGES.items():
        for name, message in messages.items():
            setattr(validator, name, message)


install()
