"""Exports of orders and statistics as CSV (UTF-8 with BOM, so Excel reads Chinese) and XLSX,
scoped like the API; contact data appears only for those who may see it."""

import csv
import io
from collections.abc import Iterable, Iterator

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from volunteer.auth.access import Actor
from volunteer.labels import category_name, status_name
from volunteer.orders.presenter import present
from volunteer.orders.timing import zone
from volunteer.spreadsheets import csv_field, xlsx_row

ORDER_COLUMNS = (
    ("id", "编号"),
    ("kind", "类型"),
    ("title", "标题"),
    ("category", "类别"),
    ("community_id", "社区编号"),
    ("grid", "网格"),
    ("urgency", "紧急程度"),
    ("status", "状态"),
    ("close_reason", "关闭原因"),
    ("created_at", "提交时间"),
    ("dispatched_at", "派单时间"),
    ("due_at", "办结时限"),
    ("overdue", "是否超期"),
    ("claimed_by", "接单党员"),
    ("completed_at", "办结时间"),
    ("hours", "服务时长（小时）"),
    ("score", "评分"),
    ("first_score", "首次评分"),
    ("rework_count", "重办次数"),
    ("comment", "评价"),
    ("contact_name", "联系人"),
    ("address", "地址"),
    ("phone", "电话"),
)

STATS_COLUMNS = (
    ("key", "分组"),
    ("total", "工单数"),
    ("completed", "已办结"),
    ("completion_rate", "办结率"),
    ("on_time_rate", "按时办结率"),
    ("satisfaction_rate", "满意率"),
    ("first_time_satisfaction_rate", "一次满意率"),
    ("rework_count", "重办次数"),
    ("rated_count", "评价数"),
    ("small_sample", "样本较少"),
    ("overdue", "超期"),
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def local(value):
    """Timestamps in the display time zone, without offset noise for spreadsheets."""
    return value.astimezone(zone()).replace(tzinfo=None) if value is not None else None


def order_row(order, actor: Actor) -> dict:
    """One order as an export row, through the same presenter (and masking) as the API."""
    data = present(order, actor)
    return {
        **{key: data[key] for key in ("id", "kind", "title", "community_id", "grid", "urgency")},
        "category": category_name(order.category),
        "status": status_name(order.status),
        "close_reason": order.close_reason,
        "created_at": local(order.created_at),
        "dispatched_at": local(order.dispatched_at),
        "due_at": local(order.due_at),
        "overdue": "是" if data["overdue"] else "否",
        "claimed_by": data["claimed_by"]["display_name"] if data["claimed_by"] else None,
        "completed_at": local(order.completed_at),
        "hours": float(order.completion_hours) if order.completion_hours is not None else None,
        "score": order.score,
        "first_score": order.first_score,
        "rework_count": order.rework_count,
        "comment": order.rating_comment,
        "contact_name": data["contact"]["name"],
        "address": data["contact"]["address"],
        "phone": data["contact"]["phone"],
    }


def stats_rows(figures: dict) -> Iterator[dict]:
    """The overall figures, then one row per group."""
    groups = figures.get("groups", [])
    for key, group in [("合计", figures), *((g.get("name") or g["key"], g) for g in groups)]:
        yield {
            "key": key,
            "total": group["orders"]["total"],
            "completed": group["orders"]["completed"],
            "completion_rate": group["completion_rate"],
            "on_time_rate": group["on_time_rate"],
            "satisfaction_rate": group["satisfaction_rate"],
            "first_time_satisfaction_rate": group["first_time_satisfaction_rate"],
            "rework_count": group["rework_count"],
            "rated_count": group["rated_count"],
            "small_sample": "是" if group["small_sample"] else "否",
            "overdue": group["overdue"],
        }


def csv_stream(columns, rows: Iterable[dict]) -> Iterator[str]:
    """CSV text, a BOM first, in chunks of about 64 KB; no field reads as a formula."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    yield "\ufeff"
    writer.writerow([title for _, title in columns])
    for row in rows:
        writer.writerow(["" if row[key] is None else csv_field(row[key]) for key, _ in columns])
        if buffer.tell() > 64 * 1024:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def xlsx_bytes(sheet_title: str, columns, rows: Iterable[dict]) -> bytes:
    """An XLSX workbook with a frozen header and sensible widths (write-only, low memory);
    no cell is a formula."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(sheet_title)
    sheet.freeze_panes = "A2"
    for index, (_, title) in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(10, len(title) * 2 + 2)
    sheet.append([title for _, title in columns])
    for row in rows:
        sheet.append(xlsx_row(sheet, (row[key] for key, _ in columns)))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
