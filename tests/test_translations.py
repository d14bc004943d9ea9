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


def test_every_message_in_the_code_is_in_the_catalogue():
    """A string added to a template or a module without `pybabel update` would show in
    English on a Chinese page; extraction (as volunteer/translations/README.md runs it) must
    find nothing the catalogue lacks."""
    from babel.messages.extract import extract_from_dir

    root = Path(__file__).parent.parent
    method_map = [("volunteer/**.py", "python"), ("volunteer/templates/**.html", "jinja2")]
    keywords = {"_": None, "gettext": None, "ngettext": (1, 2), "lazy_gettext": None, "_l": None}
    extracted = {
        message if isinstance(message, str) else message[0]
        for _, _, message, _, _ in extract_from_dir(
            root, method_map, keywords=keywords, options_map={}
        )
    }
    with (CATALOGUE / "messages.po").open("rb") as po:
        catalogued = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(po) if m.id}
    assert sorted(extracted - catalogued) == []
