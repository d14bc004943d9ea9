"""The love bank and the love shop on the wire."""

from marshmallow import fields, validate

from volunteer.love_bank.models import EntryReason
from volunteer.schemas import Schema


class EntrySchema(Schema):
    """One entry of an account, with what it was for."""

    id = fields.Integer()
    at = fields.AwareDateTime(attribute="transfer.at")
    amount = fields.Integer()
    reason = fields.String(attribute="transfer.reason", validate=validate.OneOf(EntryReason))
    order_id = fields.Integer(attribute="transfer.order_id", allow_none=True)
    activity_id = fields.Integer(attribute="transfer.activity_id", allow_none=True)
    redemption_id = fields.Integer(attribute="transfer.redemption_id", allow_none=True)
    reverses_id = fields.Integer(attribute="transfer.reverses_id", allow_none=True)
    note = fields.String(attribute="transfer.note", allow_none=True)


class StatementSchema(Schema):
    balance = fields.Integer()
    entries = fields.List(fields.Nested(EntrySchema))


class PersonBalanceSchema(Schema):
    user_id = fields.Integer()
    display_name = fields.String()
    balance = fields.Integer()


class TransferSchema(Schema):
    id = fields.Integer()
    at = fields.AwareDateTime()
    reason = fields.String()
    amount = fields.Integer()
    order_id = fields.Integer(allow_none=True)
    activity_id = fields.Integer(allow_none=True)
    redemption_id = fields.Integer(allow_none=True)
    reverses_id = fields.Integer(allow_none=True)
    note = fields.String(allow_none=True)


class CommunityBooksSchema(Schema):
    community_id = fields.Integer()
    balance = fields.Integer(
        metadata={"description": "The community's account: minus what it issued."}
    )
    people = fields.List(fields.Nested(PersonBalanceSchema))
    transfers = fields.List(fields.Nested(TransferSchema))
