"""The demo district shows the feature on first start: evaluations, a sent report, a draft."""

import pytest
import sqlalchemy as sa

from volunteer.extensions import db
from volunteer.reports.models import Evaluation, Report


@pytest.mark.slow  # seeds the whole demo district
def test_the_demo_has_evaluations_a_sent_report_and_a_draft(app, cli, client):
    result = cli("demo")
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Evaluation)) == 19
        reports = {r.employer.name: r for r in db.session.scalars(sa.select(Report))}
        assert reports["市第一人民医院"].status == "sent"
        assert reports["国网城区供电公司"].status == "draft"
        hospital = reports["市第一人民医院"].id
    token = client.post(
        "/api/v1/auth/tokens", json={"username": "danwei1", "password": "demo12345"}
    ).json["token"]
    seen = client.get("/api/v1/reports", headers={"Authorization": f"Bearer {token}"}).json
    assert [r["id"] for r in seen] == [hospital]
    assert seen[0]["deliveries"][0]["status"] == "queued"
    names = {row["display_name"] for row in client.get(
        f"/api/v1/reports/{hospital}", headers={"Authorization": f"Bearer {token}"}
    ).json["rows"]}  # fmt: skip
    assert {"张伟", "赵敏"} <= names
