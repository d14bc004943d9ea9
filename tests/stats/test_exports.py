"""Orders and statistics as CSV (UTF-8 with BOM) and XLSX, scoped like the API."""

import csv
import io
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from tests import factories
from tests.spreadsheets import (
    PAYLOADS,
    assert_csv_prefixes_payloads,
    assert_xlsx_keeps_payloads_as_text,
)
from volunteer.extensions import db
from volunteer.organisations.models import Community


def rows_of_csv(response) -> list[list[str]]:
    text = response.data.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_orders_csv_for_the_secretary_has_contact_data(district, post_order):
    post_order()
    response = district.api.secretary.get("/exports/orders.csv")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/csv")
    assert "filename*=UTF-8''%E5%B7%A5%E5%8D%95.csv" in response.headers["Content-Disposition"]
    header, row = rows_of_csv(response)
    assert header[:3] == ["编号", "类型", "标题"]
    record = dict(zip(header, row, strict=True))
    assert record["标题"] == "修理暖气"
    assert record["类别"] == "appliance repair" or record["类别"] == "家电维修"
    assert record["电话"] == "13800138000"


def test_members_see_contact_masked_in_exports(district, post_order):
    order = post_order()
    district.api.secretary.post(f"/orders/{order['id']}/dispatch", json={"pool": True})
    header, row = rows_of_csv(district.api.member.get("/exports/orders.csv"))
    record = dict(zip(header, row, strict=True))
    assert record["电话"] == "138****8000"
    assert record["地址"].endswith("****")


def test_exports_are_scoped(district, post_order):
    post_order()
    assert len(rows_of_csv(district.api.other_secretary.get("/exports/orders.csv"))) == 1
    assert len(rows_of_csv(district.api.other_resident.get("/exports/orders.csv"))) == 1


def test_orders_xlsx(district, post_order):
    post_order()
    response = district.api.secretary.get("/exports/orders.xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.data))
    sheet = book["工单"]
    values = list(sheet.values)
    assert values[0][2] == "标题"
    assert values[1][2] == "修理暖气"
    assert isinstance(values[1][0], int)


def test_stats_csv_and_xlsx(district, post_order):
    post_order()
    header, total, *months = rows_of_csv(district.api.secretary.get("/exports/stats.csv"))
    assert header[:3] == ["分组", "工单数", "已办结"]
    assert total[:2] == ["合计", "1"]
    assert len(months) == 1
    book = load_workbook(io.BytesIO(district.api.secretary.get("/exports/stats.xlsx").data))
    assert list(book["统计"].values)[1][1] == 1


def test_stats_export_refuses_like_the_api(district):
    assert district.api.resident.get("/exports/stats.csv").status_code == 403
    path = f"/exports/stats.csv?community_id={district.community}"
    assert district.api.other_secretary.get(path).status_code == 404


# --- formula injection ----------------------------------------------------------------------


@pytest.fixture
def booby_trapped(app, district):
    """One closed order per payload, the payload in every text a resident or member types;
    the first one's hours are negative (a number, which must stay a number)."""
    with app.app_context():
        community = db.session.get(Community, district.community)
        for index, payload in enumerate(PAYLOADS):
            factories.OrderFactory(
                community=community,
                title=payload,
                description=payload,
                address=payload,
                contact_name=payload,
                grid=payload,
                status="closed",
                close_reason="rated",
                claimed_by_id=district.member,
                completed_at=datetime(2026, 3, 1, tzinfo=UTC),
                completion_note=payload,
                completion_hours=Decimal("-1.5") if index == 0 else Decimal("2"),
                score=5,
                rating_comment=payload,
                rated_at=datetime(2026, 3, 2, tzinfo=UTC),
            )
        db.session.commit()
    return set(PAYLOADS)


def test_orders_xlsx_writes_formula_like_text_as_text(district, booby_trapped):
    response = district.api.secretary.get("/exports/orders.xlsx")
    assert response.status_code == 200
    assert_xlsx_keeps_payloads_as_text(response.data, booby_trapped)
    sheet = load_workbook(io.BytesIO(response.data))["工单"]
    hours = [row[15] for row in sheet.iter_rows(min_row=2)]
    assert all(cell.data_type == "n" for cell in hours)
    assert -1.5 in {cell.value for cell in hours}


def test_orders_csv_puts_a_quote_before_formula_like_text(district, booby_trapped):
    response = district.api.secretary.get("/exports/orders.csv")
    header, *rows = assert_csv_prefixes_payloads(response.data.decode(), booby_trapped)
    records = [dict(zip(header, row, strict=True)) for row in rows]
    assert {r["标题"] for r in records} == {"'" + p for p in PAYLOADS}
    assert {r["评价"] for r in records} == {"'" + p for p in PAYLOADS}
    assert "-1.5" in {r["服务时长（小时）"] for r in records}


def test_stats_exports_write_formula_like_groups_as_text(district, booby_trapped):
    path = "/exports/stats.{}?group_by=grid"
    xlsx = district.api.secretary.get(path.format("xlsx"))
    assert_xlsx_keeps_payloads_as_text(xlsx.data, booby_trapped)
    csv_text = district.api.secretary.get(path.format("csv")).data.decode()
    assert_csv_prefixes_payloads(csv_text, booby_trapped)
