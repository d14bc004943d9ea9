"""What the PDF and the XLSX of a report show: one view of the report, two renderings."""

from dataclasses import dataclass
from datetime import date, datetime

from volunteer.orders.timing import zone
from volunteer.reports.periods import Period, cn_date
from volunteer.reports.rows import NOT_SHARED

TITLE = "在职党员参与社区服务情况反馈表"

# (heading, key): the columns of the table, in order, after 序号 and 姓名.
COLUMNS = (
    ("报到社区", "community_name"),
    ("报到日期", "reported_on"),
    ("参加服务队", "teams"),
    ("完成工单", "orders_completed"),
    ("按时办结", "on_time"),
    ("服务时长（小时）", "hours"),
    ("满意率", "satisfaction_rate"),
    ("参加活动（次）", "activities"),
    ("活动时长（小时）", "activity_hours"),
    ("居民评价摘录", "comments"),
    ("社区评价等次", "grade_label"),
    ("社区评语", "comment"),
)

# Narrow columns of the PDF break their heading where a form would.
PDF_HEADINGS = {
    "完成工单": "完成\n工单",
    "按时办结": "按时\n办结",
    "服务时长（小时）": "时长\n(小时)",
    "社区评价等次": "评价\n等次",
    "参加活动（次）": "参加\n活动",
    "活动时长（小时）": "活动\n时长",
}

NOTES = (
    "完成工单：反馈期间内办结的居民点单（含居民已评价和逾期未评价自动关闭的工单）；"
    "按时办结：在派单时限内办结的工单数；"
    "参加活动：反馈期间内签到参加、已结束的社区活动（党员公益日等），活动时长按签到签退计。",
    "满意率 =（满意 + 基本满意）÷ 已评价工单数；居民按满意、基本满意、不满意三档评价。",
    f"“{NOT_SHARED}”：该党员未同意或已撤回向所在单位共享服务记录的授权"
    "（《中华人民共和国个人信息保护法》第二十三条），仅列姓名。",
    "社区评价等次由党员报到社区党组织按年度评定：优秀、合格、基本合格、不合格。",
)


@dataclass
class Document:
    """A report ready to render."""

    number: str
    employer: str
    party_org: str
    period: Period
    issuer: str
    issued_on: date
    rows: list[dict]
    status: str

    @property
    def title(self) -> str:
        return TITLE

    @property
    def period_text(self) -> str:
        """The period's name with its dates, unless the name is the dates."""
        dates = f"{cn_date(self.period.start)}至{cn_date(self.period.end)}"
        label = self.period.label
        return label if label == dates else f"{label}（{dates}）"

    @property
    def filename_stem(self) -> str:
        return f"{TITLE}-{self.employer}-{self.period.label}"

    @property
    def shared_count(self) -> int:
        return sum(1 for row in self.rows if row.get("consent"))


def local_date(moment: datetime) -> date:
    return moment.astimezone(zone()).date()


def document_of(report, rows: list[dict]) -> Document:
    """The report (with rows as they may be shown now) as a document."""
    issued = report.sent_at or report.generated_at
    return Document(
        number=f"FK-{report.period_start.year}-{report.id:05d}",
        employer=report.employer.name,
        party_org=report.employer.party_org_name,
        period=Period(report.period_start, report.period_end),
        issuer=report.issuer,
        issued_on=local_date(issued),
        rows=[with_display(row) for row in rows],
        status=report.status,
    )


def with_display(row: dict) -> dict:
    """The row plus the report-in date as a local calendar date."""
    if not row.get("consent"):
        return row
    reported = datetime.fromisoformat(row["reported_at"])
    return {**row, "reported_on": local_date(reported)}


def cell_text(row: dict, key: str) -> str:
    """A cell as the PDF prints it."""
    value = row.get(key)
    if key == "reported_on":
        return value.isoformat() if value else ""
    if key == "teams":
        return "、".join(value or []) or "—"
    if key == "comments":
        return "；".join(value or []) or "—"
    if key in ("hours", "activity_hours"):
        if value is None:
            return "0"
        return f"{value:g}"
    if key == "satisfaction_rate":
        return f"{value * 100:.0f}%" if value is not None else "—"
    if key == "grade_label":
        return value or "未评定"
    if value is None or value == "":
        return "—"
    return str(value)
