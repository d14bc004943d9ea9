"""Records, evaluations and reports over the API: rows, consent, scopes, lifecycle."""

from tests.reports.conftest import H1

FULL_ROW = {
    "member_id",
    "display_name",
    "community_id",
    "community_name",
    "reported_at",
    "teams",
    "consent",
    "orders_completed",
    "on_time",
    "hours",
    "average_score",
    "satisfaction_rate",
    "grade",
    "comment",
}


def rows_by_name(report):
    return {row["display_name"]: row for row in report["rows"]}


# --- rows and consent -------------------------------------------------------------------


def test_a_draft_has_a_full_row_for_the_consenting_member(draft, district):
    assert draft["status"] == "draft"
    assert (draft["employer_id"], draft["period_start"], draft["period_end"]) == (
        district.employer,
        "2026-01-01",
        "2026-06-30",
    )
    row = rows_by_name(draft)["张伟"]
    assert set(row) >= FULL_ROW
    assert row["consent"] is True
    assert row["community_name"] == "幸福里社区"
    assert row["teams"] == ["家电维修服务队"]
    # Four completed in the half-year (last year's is outside), one of them late.
    assert (row["orders_completed"], row["on_time"], row["hours"]) == (4, 3, 6.5)
    assert row["average_score"] == 3.67
    assert row["satisfaction_rate"] == 0.6667
    assert row["grade"] is None


def test_members_without_consent_are_listed_by_name_only(draft):
    rows = rows_by_name(draft)
    assert rows["李娜"] == {
        "member_id": rows["李娜"]["member_id"],
        "display_name": "李娜",
        "consent": False,
    }
    assert set(rows["王强"]) == {"member_id", "display_name", "consent"}
    assert rows["王强"]["consent"] is False


def test_pending_members_and_other_employers_members_are_not_rows(draft):
    assert set(rows_by_name(draft)) == {"张伟", "李娜", "王强"}


def test_comments_are_the_best_ones_with_numbers_masked(draft):
    comments = rows_by_name(draft)["张伟"]["comments"]
    assert comments == ["师傅很热心，电话****随时联系", "挺好的"]
    assert "来得太晚了" not in comments


def test_withdrawing_consent_after_the_draft_hides_the_row_at_once(draft, district):
    consent = {"consent_employer_feedback": False}
    district.api.member.put(f"/members/{district.member}/consent", json=consent)
    again = district.api.admin.get(f"/reports/{draft['id']}").json
    assert rows_by_name(again)["张伟"] == {
        "member_id": district.member,
        "display_name": "张伟",
        "consent": False,
    }


def test_the_evaluation_of_the_period_year_is_in_the_row(district, hospital):
    put = district.api.secretary.put(
        f"/members/{district.member}/evaluations/2026",
        json={"grade": "excellent", "comment": "服务热情，群众认可。"},
    )
    assert put.status_code == 200, put.json
    report = district.api.admin.post("/reports", json={"employer_id": district.employer, **H1})
    row = rows_by_name(report.json)["张伟"]
    assert (row["grade"], row["comment"]) == ("excellent", "服务热情，群众认可。")


def test_a_period_that_ends_before_it_starts_is_refused(district, hospital):
    response = district.api.admin.post(
        "/reports",
        json={
            "employer_id": district.employer,
            "period_start": "2026-06-30",
            "period_end": "2026-01-01",
        },
    )
    assert response.status_code == 422
    assert "period_end" in response.json["errors"]


def test_an_unknown_employer_is_refused(district):
    response = district.api.admin.post("/reports", json={"employer_id": 999, **H1})
    assert response.status_code == 422


# --- scopes -----------------------------------------------------------------------------


def test_street_admin_drafts_and_lists(district, hospital):
    created = district.api.street_admin.post(
        "/reports", json={"employer_id": district.employer, **H1}
    )
    assert created.status_code == 201
    listed = district.api.street_admin.get("/reports")
    assert [r["id"] for r in listed.json] == [created.json["id"]]
    assert "rows" not in listed.json[0]


def test_employer_contact_sees_only_its_employers_reports(district, draft):
    other = district.api.admin.post("/reports", json={"employer_id": district.other_employer, **H1})
    district.api.admin.post(f"/reports/{draft['id']}/send")
    district.api.admin.post(f"/reports/{other.json['id']}/send")
    listed = district.api.contact.get("/reports")
    assert [r["id"] for r in listed.json] == [draft["id"]]
    assert district.api.contact.get(f"/reports/{draft['id']}").status_code == 200
    assert district.api.contact.get(f"/reports/{other.json['id']}").status_code == 404
    assert district.api.contact.get(f"/reports/{other.json['id']}/pdf").status_code == 404


def test_employer_contact_may_not_draft_send_or_regenerate(district, draft):
    body = {"employer_id": district.employer, **H1}
    assert district.api.contact.post("/reports", json=body).status_code == 403
    # A draft is hidden from the contact (404); a sent report is seen but not managed (403).
    assert district.api.contact.post(f"/reports/{draft['id']}/send").status_code == 404
    assert district.api.contact.post(f"/reports/{draft['id']}/regenerate").status_code == 404
    district.api.admin.post(f"/reports/{draft['id']}/send")
    assert district.api.contact.post(f"/reports/{draft['id']}/send").status_code == 403
    assert district.api.contact.post(f"/reports/{draft['id']}/regenerate").status_code == 403


def test_a_draft_is_404_to_the_employer_contact_until_it_is_sent(district, draft):
    contact, path = district.api.contact, f"/reports/{draft['id']}"
    assert contact.get("/reports").json == []
    assert contact.get("/reports?status=draft").json == []
    for suffix in ("", "/pdf", "/xlsx"):
        assert contact.get(path + suffix).status_code == 404, suffix
    assert contact.post(path + "/acknowledge").status_code == 404
    # The issuers still see and manage the draft.
    for api in (district.api.admin, district.api.street_admin):
        assert [r["id"] for r in api.get("/reports").json] == [draft["id"]]
        for suffix in ("", "/pdf", "/xlsx"):
            assert api.get(path + suffix).status_code == 200, suffix
    district.api.admin.post(path + "/send")
    assert [r["id"] for r in contact.get("/reports").json] == [draft["id"]]
    for suffix in ("", "/pdf", "/xlsx"):
        assert contact.get(path + suffix).status_code == 200, suffix


def test_employer_contact_sees_no_residents_data(district, draft):
    district.api.admin.post(f"/reports/{draft['id']}/send")
    text = str(district.api.contact.get(f"/reports/{draft['id']}").json)
    for private in ("13912345678", "13800138000", "幸福里小区3栋2单元501", "王秀英", "jumin"):
        assert private not in text


def test_residents_members_and_secretaries_have_no_reports(district, draft):
    for api in (district.api.resident, district.api.member, district.api.secretary):
        assert api.get("/reports").status_code == 403
        assert api.get(f"/reports/{draft['id']}").status_code == 404
        assert api.get(f"/reports/{draft['id']}/xlsx").status_code == 404
        assert (
            api.post("/reports", json={"employer_id": district.employer, **H1}).status_code == 403
        )


def test_reports_need_a_login(anonymous, draft):
    assert anonymous.get("/reports").status_code == 401
    assert anonymous.get(f"/reports/{draft['id']}").status_code == 401


# --- lifecycle --------------------------------------------------------------------------


def test_a_draft_is_regenerated_from_todays_data(district, draft):
    district.api.secretary.put(
        f"/members/{district.member}/evaluations/2026", json={"grade": "qualified"}
    )
    again = district.api.admin.post(f"/reports/{draft['id']}/regenerate")
    assert again.status_code == 200
    assert rows_by_name(again.json)["张伟"]["grade"] == "qualified"


def test_a_sent_report_is_frozen(district, draft):
    sent = district.api.admin.post(f"/reports/{draft['id']}/send")
    assert sent.status_code == 200, sent.json
    assert sent.json["status"] == "sent"
    assert district.api.admin.post(f"/reports/{draft['id']}/regenerate").status_code == 409
    assert district.api.admin.post(f"/reports/{draft['id']}/send").status_code == 409


def test_the_employer_contact_acknowledges_a_sent_report(district, draft):
    assert district.api.contact.post(f"/reports/{draft['id']}/acknowledge").status_code == 404
    district.api.admin.post(f"/reports/{draft['id']}/send")
    assert district.api.admin.post(f"/reports/{draft['id']}/acknowledge").status_code == 403
    acknowledged = district.api.contact.post(f"/reports/{draft['id']}/acknowledge")
    assert acknowledged.status_code == 200
    assert acknowledged.json["status"] == "acknowledged"
    assert acknowledged.json["acknowledged_at"]
    assert district.api.contact.post(f"/reports/{draft['id']}/acknowledge").status_code == 409
    listed = district.api.admin.get("/reports?status=acknowledged").json
    assert [r["id"] for r in listed] == [draft["id"]]


# --- records and evaluations --------------------------------------------------------------


def test_the_member_reads_its_record_for_a_period(district, hospital):
    response = district.api.member.get(
        f"/members/{district.member}/record?from=2026-01-01&to=2026-06-30"
    )
    assert response.status_code == 200, response.json
    record = response.json
    assert (record["orders_completed"], record["on_time"], record["hours"]) == (4, 3, 6.5)
    assert (record["average_score"], record["satisfaction_rate"]) == (3.67, 0.6667)
    assert (record["from"], record["to"]) == ("2026-01-01", "2026-06-30")
    assert len(record["orders"]) == 4
    assert record["orders"][0]["title"].startswith("修理暖气")


def test_the_employer_contact_reads_the_record_without_residents_words(district, hospital):
    record = district.api.contact.get(
        f"/members/{district.member}/record?from=2026-01-01&to=2026-06-30"
    ).json
    assert record["orders_completed"] == 4
    assert all("title" not in o and "comment" not in o for o in record["orders"])


def test_without_consent_the_employer_contact_gets_403_for_the_record(district, hospital):
    response = district.api.contact.get(f"/members/{hospital.shy}/record")
    assert response.status_code == 403
    assert district.api.contact.get(f"/members/{district.other_member}/record").status_code == 404


def test_the_record_is_404_outside_the_callers_scope(district, hospital):
    assert district.api.resident.get(f"/members/{district.member}/record").status_code == 404
    assert district.api.other_secretary.get(f"/members/{district.member}/record").status_code == (
        404
    )


def test_the_secretary_evaluates_and_sees_the_suggested_grade(district, hospital):
    response = district.api.secretary.put(
        f"/members/{district.member}/evaluations/2026",
        json={"grade": "qualified", "comment": "认真负责"},
    )
    assert response.status_code == 200, response.json
    body = response.json
    assert (body["year"], body["grade"], body["comment"]) == (2026, "qualified", "认真负责")
    assert body["grade_label"] == "合格"
    # 4 completed, 3 on time (75 %), 2 of 3 rated satisfied (67 %): basically qualified.
    assert body["suggested_grade"] == "basically_qualified"
    assert body["record"]["orders_completed"] == 4
    changed = district.api.secretary.put(
        f"/members/{district.member}/evaluations/2026", json={"grade": "excellent"}
    )
    assert changed.json["grade"] == "excellent"
    read = district.api.member.get(f"/members/{district.member}/evaluations/2026").json
    assert read["grade"] == "excellent"


def test_only_the_communitys_managers_evaluate(district, hospital):
    path = f"/members/{district.member}/evaluations/2026"
    body = {"grade": "excellent"}
    assert district.api.member.put(path, json=body).status_code == 403
    assert district.api.contact.put(path, json=body).status_code == 403
    assert district.api.other_secretary.put(path, json=body).status_code == 404
    assert district.api.street_admin.put(path, json=body).status_code == 200


def test_an_evaluation_needs_one_of_the_four_grades_and_a_sensible_year(district, hospital):
    path = f"/members/{district.member}/evaluations"
    assert district.api.secretary.put(f"{path}/2026", json={"grade": "good"}).status_code == 422
    assert (
        district.api.secretary.put(f"{path}/1999", json={"grade": "qualified"}).status_code == 422
    )
    assert (
        district.api.secretary.put(
            f"{path}/2026", json={"grade": "qualified", "extra": 1}
        ).status_code
        == 422
    )


def test_before_the_decision_the_evaluation_shows_only_the_suggestion(district, hospital):
    body = district.api.secretary.get(f"/members/{district.member}/evaluations/2026").json
    assert body["grade"] is None
    assert body["suggested_grade"] == "basically_qualified"


def test_the_list_counts_shared_rows_as_they_may_be_shown_now(district, draft):
    assert district.api.admin.get("/reports").json[0]["shared_count"] == 1
    consent = {"consent_employer_feedback": False}
    district.api.member.put(f"/members/{district.member}/consent", json=consent)
    listed = district.api.admin.get("/reports").json[0]
    assert (listed["member_count"], listed["shared_count"]) == (3, 0)
