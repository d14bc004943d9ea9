"""Orders and statistics as CSV (UTF-8 with BOM) and XLSX, scoped like the API."""

import csv
import io

from openpyxl import load_workbook


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
