"""Shared marshmallow pieces: strict bases, the mainland mobile number field, pagination."""

import marshmallow as ma
import phonenumbers
from marshmallow import fields, validate

from volunteer.i18n import Message

MAX_ID = 2**31 - 1


def reject_nul(data):
    """NUL characters have no business in any text and PostgreSQL refuses them."""
    values = data.values() if isinstance(data, dict) else data if isinstance(data, list) else ()
    for value in values:
        if isinstance(value, str) and "\x00" in value:
            raise ma.ValidationError(Message("Text may not contain NUL characters."))
        if isinstance(value, dict | list):
            reject_nul(value)


class Schema(ma.Schema):
    """Input and output schemas: unknown fields are an error."""

    class Meta:
        unknown = ma.RAISE
        ordered = True

    @ma.pre_load
    def no_nul(self, data, **kwargs):
        reject_nul(data)
        return data


class QuerySchema(ma.Schema):
    """Query strings: pagination and other parameters share one query string."""

    class Meta:
        unknown = ma.EXCLUDE

    @ma.pre_load
    def no_nul(self, data, **kwargs):
        reject_nul(dict(data))
        return data


def ident(**kwargs) -> fields.Integer:
    """A reference to a row by id: a positive integer that fits the database."""
    kwargs.setdefault("strict", True)
    return fields.Integer(validate=validate.Range(1, MAX_ID), **kwargs)


def text(min_length: int, max_length: int, **kwargs) -> fields.String:
    """A length-checked string, surrounding whitespace removed."""
    return Stripped(validate=validate.Length(min_length, max_length), **kwargs)


class Stripped(fields.String):
    """A string with surrounding whitespace removed before validation."""

    def _deserialize(self, value, attr, data, **kwargs):
        return super()._deserialize(value, attr, data, **kwargs).strip()


def normalise_mobile(value: str) -> str | None:
    """A mainland mobile number as 11 digits, or None when it is not one."""
    try:
        number = phonenumbers.parse(value, "CN")
    except phonenumbers.NumberParseException:
        return None
    if number.country_code != 86 or not phonenumbers.is_valid_number(number):
        return None
    if phonenumbers.number_type(number) not in (
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    ):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL).replace(
        " ", ""
    )


class MobilePhone(fields.String):
    """A mainland China mobile number (138 0013 8000, +86 138…), stored as 11 digits."""

    default_error_messages = {"invalid_mobile": Message("Not a mainland China mobile number.")}

    def _deserialize(self, value, attr, data, **kwargs):
        raw = super()._deserialize(value, attr, data, **kwargs)
        if len(raw) > 20:
            raise self.make_error("invalid_mobile")
        number = normalise_mobile(raw)
        if number is None:
            raise self.make_error("invalid_mobile")
        return number


def mask_phone(phone: str | None) -> str | None:
    """138****5678: enough to recognise, not enough to call."""
    if not phone:
        return phone
    return phone[:3] + "****" + phone[-4:] if len(phone) >= 8 else "****"
