"""claim-reminders, due-reminders and overdue-supervision (督办), with the clock moved."""

from datetime import timedelta

import sqlalchemy as sa

from volunteer.auth.models import User
from volunteer.extensions import db
from volunteer.notifications.models import OutboxMessage
from volunteer.orders.timing import street_supervision_for

MINUTE = timedelta(minutes=1)


def give_email(app, user_id: int, address: str) -> None:
    with app.app_context():
        db.session.get(User, user_id).email = address
        db.session.commit()


def emails_to(app, address: str) -> int:
    with app.app_context():
        return db.session.scalar(
            sa.select(sa.func.count())
            .select_from(OutboxMessage)
            .where(OutboxMessage.to_address == address)
        )


class TestClaimReminders:
    def test_unclaimed_past_a_working_day_reminds_team_and_secretary_once(
        self, app, district, dispatched, run, snapshot, order_row, events_of, notified, time_machine
    ):
        order_id = dispatched["id"]
        claim_due_at = order_row(order_id)["claim_due_at"]
        time_machine.move_to(claim_due_at - MINUTE)
        before = snapshot()
        assert run("claim-reminders") == "0 unclaimed orders reminded"
        assert snapshot() == before

        time_machine.move_to(claim_due_at + MINUTE)
        assert run("claim-reminders") == "1 unclaimed orders reminded"

        assert events_of(order_id, "remind_claim") == [
            ("remind_claim", "dispatched", "dispatched", "派出超过1个工作日无人接单", None)
        ]
        assert notified("remind_claim") == sorted(
            [(district.member_user, order_id), (district.secretary, order_id)]
        )
        row = order_row(order_id)
        assert row["claim_reminded_at"] is not None
        assert row["status"] == "dispatched"

        after = snapshot()
        assert run("claim-reminders") == "0 unclaimed orders reminded"
        assert snapshot() == after

    def test_pool_orders_remind_only_the_secretary(
        self, district, post_order, run, order_row, notified, time_machine
    ):
        order = post_order()
        response = district.api.secretary.post(
            f"/orders/{order['id']}/dispatch", json={"pool": True}
        )
        assert response.status_code == 200, response.json
        time_machine.move_to(order_row(order["id"])["claim_due_at"] + MINUTE)

        assert run("claim-reminders") == "1 unclaimed orders reminded"

        assert notified("remind_claim") == [(district.secretary, order["id"])]

    def test_a_claimed_order_is_not_reminded(self, claimed, run, order_row, time_machine):
        time_machine.move_to(order_row(claimed["id"])["claim_due_at"] + MINUTE)

        assert run("claim-reminders") == "0 unclaimed orders reminded"


class TestDueReminders:
    def test_claimer_is_reminded_once_within_four_hours_of_the_due_time(
        self, district, claimed, run, snapshot, order_row, events_of, notified, time_machine
    ):
        order_id = claimed["id"]
        due_at = order_row(order_id)["due_at"]
        time_machine.move_to(due_at - timedelta(hours=4, minutes=5))
        before = snapshot()
        assert run("due-reminders") == "0 claimers reminded"
        assert snapshot() == before

        time_machine.move_to(due_at - timedelta(hours=3))
        assert run("due-reminders") == "1 claimers reminded"

        assert events_of(order_id, "remind_due") == [
            ("remind_due", "claimed", "claimed", "即将到期", None)
        ]
        assert notified("remind_due") == [(district.member_user, order_id)]
        assert order_row(order_id)["due_reminded_at"] is not None

        after = snapshot()
        assert run("due-reminders") == "0 claimers reminded"
        assert snapshot() == after

    def test_past_the_due_time_is_supervision_not_a_reminder(
        self, claimed, run, order_row, time_machine
    ):
        time_machine.move_to(order_row(claimed["id"])["due_at"] + MINUTE)

        assert run("due-reminders") == "0 claimers reminded"


class TestOverdueSupervision:
    def test_cli_run_twice_gives_one_event_and_one_notification_per_secretary(
        self, app, district, cli, dispatched, snapshot, order_row, events_of, notified, time_machine
    ):
        give_email(app, district.secretary, "shuji@example.cn")
        order_id = dispatched["id"]
        due_at = order_row(order_id)["due_at"]
        time_machine.move_to(due_at - MINUTE)
        assert "0 overdue orders supervised" in cli("jobs", "run", "overdue-supervision").output

        time_machine.move_to(due_at + MINUTE)
        first = cli("jobs", "run", "overdue-supervision").output
        after = snapshot()
        second = cli("jobs", "run", "overdue-supervision").output

        assert "1 overdue orders supervised, 0 sent to the street" in first
        assert "0 overdue orders supervised, 0 sent to the street" in second
        assert snapshot() == after
        assert events_of(order_id, "supervise") == [
            ("supervise", "dispatched", "dispatched", "超过办结时限，社区督办", None)
        ]
        assert notified("supervise") == [(district.secretary, order_id)]
        assert emails_to(app, "shuji@example.cn") == 1
        row = order_row(order_id)
        assert row["supervised_at"] is not None
        assert row["street_supervised_at"] is None

    def test_street_admin_is_told_two_working_days_later_once(
        self, app, district, claimed, run, snapshot, order_row, events_of, notified, time_machine
    ):
        order_id = claimed["id"]
        due_at = order_row(order_id)["due_at"]
        with app.app_context():
            street_time = street_supervision_for(due_at)
        time_machine.move_to(due_at + MINUTE)
        run("overdue-supervision")
        time_machine.move_to(street_time - MINUTE)
        before = snapshot()
        assert run("overdue-supervision") == "0 overdue orders supervised, 0 sent to the street"
        assert snapshot() == before

        time_machine.move_to(street_time + MINUTE)
        assert run("overdue-supervision") == "0 overdue orders supervised, 1 sent to the street"
        after = snapshot()
        assert run("overdue-supervision") == "0 overdue orders supervised, 0 sent to the street"
        assert snapshot() == after

        notes = [note for _, _, _, note, _ in events_of(order_id, "supervise")]
        assert notes == ["超过办结时限，社区督办", "超期2个工作日仍未办结，街道督办"]
        assert notified("supervise") == sorted(
            [(district.secretary, order_id), (district.street_admin, order_id)]
        )
        assert order_row(order_id)["street_supervised_at"] is not None

    def test_completed_orders_are_not_overdue(self, completed, run, order_row, time_machine):
        time_machine.move_to(order_row(completed["id"])["due_at"] + timedelta(days=3))

        assert run("overdue-supervision") == "0 overdue orders supervised, 0 sent to the street"
