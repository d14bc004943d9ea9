"""The Chinese catalogue is complete and its compiled form matches the source."""

from pathlib import Path

from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

CATALOGUE = Path(__file__).parent.parent / "volunteer/translations/zh_Hans_CN/LC_MESSAGES"


def test_every_message_is_translated():
    with (CATALOGUE / "messages.po").open("rb") as po:
        untranslated = [m.id for m in read_po(po) if m.id and not m.string]
    assert untranslated == []


def test_compiled_catalogue_is_up_to_date():
    with (CATALOGUE / "messages.po").open("rb") as po, (CATALOGUE / "messages.mo").open("rb") as mo:
        source = {m.id: m.string for m in read_po(po) if m.id and not m.fuzzy}
        compiled = {m.id: m.string for m in read_mo(mo) if m.id}
    assert compiled == source


def test_chinese_is_the_default(client):
    assert "登录" in client.get("/login").data.decode()
    assert "Log in" in client.get("/login", headers={"Accept-Language": "en"}).data.decode()
