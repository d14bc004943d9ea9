"""The household's 爱心永驻联系卡: one A4 page in large print, rendered with the reports'
WeasyPrint machinery and embedded fonts (volunteer/reports/pdf.py)."""

from dataclasses import dataclass

from flask import current_app

from volunteer.auth.access import Actor
from volunteer.pairings.models import Pairing
from volunteer.pairings.services import manage_pairing
from volunteer.reports import pdf

CONTENT_TYPE = "application/pdf"


@dataclass(frozen=True)
class Card:
    """What the card says: nothing the household does not already know, plus who to call."""

    household_name: str
    community_name: str
    person_name: str
    person_phone: str | None
    person_kind: str
    service_phone: str
    visit_every_days: int


def card_of(pairing: Pairing) -> Card:
    person = pairing.member
    return Card(
        household_name=pairing.household_name,
        community_name=pairing.community.name,
        person_name=person.display_name,
        # The paired person's phone only with their consent to be contacted.
        person_phone=person.phone if person.consent_contact else None,
        person_kind="居民志愿者" if person.is_volunteer else "共产党员",
        service_phone=current_app.config["SERVICE_PHONE"],
        visit_every_days=pairing.visit_every_days,
    )


def render_card(card: Card) -> bytes:
    """The card as PDF bytes."""
    env = pdf.templates()
    html = env.get_template("pairings/card.html").render(
        card=card, regular=pdf.FONTS["regular"].as_uri(), bold=pdf.FONTS["bold"].as_uri()
    )
    document = pdf.form_html_class()(string=html, base_url=str(pdf.FONT_DIR))
    return document.write_pdf(font_config=pdf.font_configuration())


def card_pdf(actor: Actor, pairing_id: int) -> tuple[bytes, str]:
    """The card of a pairing the caller manages, and a file name for it."""
    pairing = manage_pairing(actor, pairing_id)
    return render_card(card_of(pairing)), f"contact-card-{pairing.id}.pdf"
