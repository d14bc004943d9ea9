"""auto-close: completed orders the resident did not rate within seven days."""

from datetime import timedelta


def test_cli_closes_an_unrated_order_after_seven_days_once(
    district, cli, completed, snapshot, order_row, events_of, time_machine
):
    order_id = completed["id"]
    completed_at = order_row(order_id)["completed_at"]
    time_machine.move_to(completed_at + timedelta(days=7) - timedelta(minutes=1))
    before = snapshot()
    result = cli("jobs", "run", "auto-close")
    assert result.exit_code == 0, result.output
    assert "0 unrated orders closed" in result.output
    assert snapshot() == before

    time_machine.move_to(completed_at + timedelta(days=7, minutes=1))
    result = cli("jobs", "run", "auto-close")

    assert result.exit_code == 0, result.output
    assert result.output == "auto-close: 1 unrated orders closed\n"
    row = order_row(order_id)
    assert (row["status"], row["close_reason"]) == ("closed", "auto_closed")
    assert row["closed_at"] is not None and row["score"] is None
    assert events_of(order_id, "auto_close") == [("auto_close", "completed", "closed", None, None)]
    seen = district.api.resident.get(f"/orders/{order_id}").json
    assert (seen["status"], seen["close_reason"]) == ("closed", "auto_closed")

    after = snapshot()
    assert "0 unrated orders closed" in cli("jobs", "run", "auto-close").output
    assert snapshot() == after


def test_a_rated_order_keeps_its_rating(district, run, completed, order_row, time_machine):
    order_id = completed["id"]
    rated = district.api.resident.post(f"/orders/{order_id}/rate", json={"score": 5})
    assert rated.status_code == 200, rated.json
    time_machine.move_to(order_row(order_id)["completed_at"] + timedelta(days=8))

    assert run("auto-close") == "0 unrated orders closed"

    row = order_row(order_id)
    assert (row["close_reason"], row["score"]) == ("rated", 5)
