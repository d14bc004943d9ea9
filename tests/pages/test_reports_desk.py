"""The issuers' desk for the feedback reports: draft, regenerate, send, delivery, refusals."""

import re

import pytest
import sqlalchemy as sa

from tests.pages.helpers import log_in, submit
from volunteer.auth.models import User
from volunteer.errors import Forbidden
from volunteer.extensions import db
from volunteer.notifications.models import OutboxMessage
from volunteer.organisations.models import Employer
from volunteer.reports import services
from volunteer.reports.models import Report

DESK = "/desk/reports"
PERIOD = {"period_start": "2026-01-01", "period_end": "2026-06-30"}


def report_of(app, report_id):
    with app.app_context():
        report = db.session.get(Report, report_id)
        db.session.expunge(report)
        return report


def report_count(app):
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count(Report.id)))


def mails_of(app, report_id):
    with app.app_context():
        return [
            (m.to_address, m.status, [a["filename"] for a in m.attachments])
            for m in db.session.scalars(
                sa.select(OutboxMessage).where(
                    OutboxMessage.subject_type == "report", OutboxMessage.subject_id == report_id
                )
            )
        ]


def draft(client, data):
    return submit(client, DESK, data, form_page=DESK)


def drafted_id(response) -> int:
    assert response.status_code == 302, response.data.decode()[:2000]
    return int(re.search(r"/desk/reports/(\d+)$", response.headers["Location"]).group(1))


def error_of(page: str, field: str) -> str:
    return re.search(rf'<p class="field-error" id="{field}-error">([^<]*)</p>', page).group(1)


def test_draft_regenerate_send_and_the_employer_sees_it(client, app, district):
    log_in(client, "jiedao")
    page = client.get(DESK).data.decode()
    assert "<h1>向单位反馈报告</h1>" in page
    assert "生成报告草稿" in page
    assert "市第一人民医院" in page

    report_id = drafted_id(draft(client, {"employer_id": district.employer, "period": "2026H1"}))
    report = report_of(app, report_id)
    assert (report.status, str(report.period_start), str(report.period_end)) == (
        "draft",
        "2026-01-01",
        "2026-06-30",
    )
    path = f"{DESK}/{report_id}"
    page = client.get(path).data.decode()
    assert "报告草稿已生成" in page
    assert "2026年上半年" in page
    assert "幸福里社区" in page and "家电维修服务队" in page  # the member's row
    assert "按今天的数据重新生成" in page
    assert "发送给单位</button>" in page

    response = submit(client, path + "/regenerate", form_page=path, follow_redirects=True)
    assert "已按今天的数据重新生成草稿" in response.data.decode()
    assert report_of(app, report_id).generated_at >= report.generated_at
    assert report_of(app, report_id).status == "draft"

    response = submit(client, path + "/send", form_page=path)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(path)
    assert report_of(app, report_id).status == "sent"
    mails = mails_of(app, report_id)
    with app.app_context():
        addresses = db.session.get(Employer, district.employer).report_emails
    assert sorted(m[0] for m in mails) == sorted(addresses)
    for _address, status, files in mails:
        assert status == "queued"
        assert [name.rsplit(".", 1)[1] for name in files] == ["pdf", "xlsx"]
    page = client.get(path).data.decode()
    assert "报告已发送" in page
    assert "已发送，待单位签收" in page
    assert "等待发送" in page  # each address's delivery state
    assert addresses[0] in page
    assert "发送给单位</button>" not in page
    assert "重新生成</button>" not in page

    submit(client, "/logout")
    log_in(client, "danwei")
    page = client.get(f"/employer/reports/{report_id}").data.decode()
    assert "已发送，待签收" in page
    assert "确认签收</button>" in page


def test_draft_with_typed_dates(client, app, district):
    log_in(client, "admin")
    data = {"employer_id": district.other_employer, "period": "", **PERIOD}
    report = report_of(app, drafted_id(draft(client, data)))
    assert report.employer_id == district.other_employer
    assert (str(report.period_start), str(report.period_end)) == tuple(PERIOD.values())


@pytest.mark.parametrize(
    ("data", "field", "words"),
    [
        ({"period_start": "2026-06-30", "period_end": "2026-01-01"}, "period_end", "结束"),
        ({"period_start": "2026-01-01", "period_end": "2026-13-01"}, "period_end", "日期"),
        ({"period_start": "2020-01-01", "period_end": "2026-01-01"}, "period_end", "两年"),
        ({"period": "2026H3"}, "period", "选择"),
    ],
)
def test_a_bad_period_is_shown_next_to_the_field(client, app, district, data, field, words):
    log_in(client, "jiedao")
    response = draft(client, {"employer_id": district.employer, "period": "", **data})
    assert response.status_code == 422
    page = response.data.decode()
    assert words in error_of(page, field)
    assert f'id="{field}" ' in page and 'aria-invalid="true"' in page
    assert report_count(app) == 0


def test_an_employer_must_be_chosen(client, app, district):
    log_in(client, "jiedao")
    response = draft(client, {"period": "2026H1"})
    assert response.status_code == 422
    assert "必填" in error_of(response.data.decode(), "employer_id")
    response = draft(client, {"employer_id": "999999", "period": "2026H1"})
    assert response.status_code == 422
    assert report_count(app) == 0


def test_an_employer_without_report_email_cannot_be_sent_to(client, app, district):
    with app.app_context():
        db.session.get(Employer, district.other_employer).report_emails = []
        db.session.commit()
    report_id = district.api.admin.post(
        "/reports", json={"employer_id": district.other_employer, **PERIOD}
    ).json["id"]
    log_in(client, "jiedao")
    path = f"{DESK}/{report_id}"
    assert "请先在管理页面" in client.get(path).data.decode()
    response = submit(client, path + "/send", form_page=path, follow_redirects=True)
    page = response.data.decode()
    flashed = re.search(r'<li class="error">([^<]*)</li>', page).group(1)
    assert re.search(r"[\u4e00-\u9fff]", flashed) and "e-mail" not in flashed
    report = report_of(app, report_id)
    assert (report.status, report.sent_at, report.pdf_key) == ("draft", None, None)
    assert mails_of(app, report_id) == []


def test_a_sent_report_cannot_be_sent_or_regenerated_again(client, app, district):
    report_id = district.api.admin.post(
        "/reports", json={"employer_id": district.employer, **PERIOD}
    ).json["id"]
    assert district.api.admin.post(f"/reports/{report_id}/send").status_code == 200
    before = report_of(app, report_id)
    log_in(client, "jiedao")
    path = f"{DESK}/{report_id}"
    for action in ("/send", "/regenerate"):
        response = submit(client, path + action, form_page=path, follow_redirects=True)
        assert "当前无法操作：报告状态为“已发送，待单位签收”" in response.data.decode()
    after = report_of(app, report_id)
    assert (after.status, after.generated_at) == ("sent", before.generated_at)
    assert len(mails_of(app, report_id)) == 1


@pytest.mark.parametrize("username", ["shuji", "jumin", "dangyuan", "danwei"])
def test_only_issuers_use_the_desk(client, app, district, username):
    report_id = district.api.admin.post(
        "/reports", json={"employer_id": district.employer, **PERIOD}
    ).json["id"]
    log_in(client, username)
    path = f"{DESK}/{report_id}"
    # The list and the drafting form: 403. A report: 404 as over the API (a draft is hidden
    # from its employer's contact too until it is sent).
    hidden = 404
    assert client.get(DESK).status_code == 403
    data = {"employer_id": district.employer, "period": "2026H1"}
    assert submit(client, DESK, data).status_code == 403
    for page in (path, path + "/pdf", path + "/xlsx"):
        assert client.get(page).status_code == hidden, page
    for action in (path + "/regenerate", path + "/send"):
        assert submit(client, action).status_code == hidden, action
    assert report_count(app) == 1
    assert report_of(app, report_id).status == "draft"
    assert "/desk/reports" not in client.get("/").data.decode()


def test_a_missing_report_is_404(client, district):
    log_in(client, "jiedao")
    assert client.get(f"{DESK}/999999").status_code == 404
    assert submit(client, f"{DESK}/999999/send").status_code == 404


def test_the_role_bar_links_the_desk(client, district):
    for username in ("jiedao", "admin"):
        log_in(client, username)
        assert 'href="/desk/reports"' in client.get("/").data.decode()
        submit(client, "/logout")


def test_every_form_needs_the_csrf_token(client, app, district):
    report_id = district.api.admin.post(
        "/reports", json={"employer_id": district.employer, **PERIOD}
    ).json["id"]
    log_in(client, "jiedao")
    data = {"employer_id": district.employer, "period": "2026H1"}
    assert client.post(DESK, data=data).status_code == 400
    for action in ("/regenerate", "/send"):
        assert client.post(f"{DESK}/{report_id}{action}").status_code == 400
    assert report_count(app) == 1
    assert report_of(app, report_id).status == "draft"
    assert mails_of(app, report_id) == []


def test_the_list_filters_by_status_and_employer(client, app, district):
    admin = district.api.admin
    ids = [
        admin.post("/reports", json={"employer_id": employer, **PERIOD}).json["id"]
        for employer in (district.employer, district.employer, district.other_employer)
    ]
    assert admin.post(f"/reports/{ids[0]}/send").status_code == 200
    log_in(client, "jiedao")

    def listed(query=""):
        page = client.get(DESK + query).data.decode()
        return {int(i) for i in re.findall(r'href="/desk/reports/(\d+)"', page)}

    assert listed() == set(ids)
    assert listed("?status=sent") == {ids[0]}
    assert listed("?status=draft") == {ids[1], ids[2]}
    assert listed(f"?employer_id={district.other_employer}") == {ids[2]}
    response = client.get(DESK + "?status=lost")
    assert "请从选项中选择" in response.data.decode()
    assert listed("?status=lost") == set(ids)


def test_downloads(client, district):
    report_id = district.api.admin.post(
        "/reports", json={"employer_id": district.employer, **PERIOD}
    ).json["id"]
    log_in(client, "jiedao")
    pdf = client.get(f"{DESK}/{report_id}/pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    xlsx = client.get(f"{DESK}/{report_id}/xlsx")
    assert xlsx.status_code == 200 and xlsx.data.startswith(b"PK")


def test_english_too(client, district):
    log_in(client, "jiedao")
    client.get("/lang/en")
    page = client.get(DESK).data.decode()
    assert "<h1>Feedback reports to employers</h1>" in page


def test_employers_to_report_on(app, district):
    with app.app_context():
        street_admin = db.session.get(User, district.street_admin)
        names = [e.name for e in services.employers_to_report_on(street_admin)]
        assert sorted(names) == ["区税务局", "市第一人民医院"]
        with pytest.raises(Forbidden):
            services.employers_to_report_on(db.session.get(User, district.secretary))
