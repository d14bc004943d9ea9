"""The caller's notifications over the API: the unread count in /me, the list, mark one read
(its owner only) and mark all read."""


def unread(api) -> int:
    return api.get("/me").json["unread_notifications"]


def test_me_counts_the_unread_notifications(district, completed):
    assert unread(district.api.other_resident) == 0
    # claimed, then completed: two notifications to the resident who ordered
    assert unread(district.api.resident) == 2


def test_list_unread_newest_first_with_its_fields(district, completed):
    notes = district.api.resident.get("/notifications?unread=true").json
    assert [n["kind"] for n in notes] == ["completed", "claimed"]
    assert set(notes[0]) == {"id", "kind", "order_id", "message", "created_at", "read_at"}
    assert notes[0]["order_id"] == completed["id"] and notes[0]["read_at"] is None


def test_reading_one_is_for_its_owner(district, completed):
    note = district.api.resident.get("/notifications").json[0]
    assert district.api.other_resident.post(f"/notifications/{note['id']}/read").status_code == 404
    response = district.api.resident.post(f"/notifications/{note['id']}/read")
    assert response.status_code == 200 and response.json["read_at"] is not None
    assert unread(district.api.resident) == 1
    remaining = district.api.resident.get("/notifications?unread=true").json
    assert [n["kind"] for n in remaining] == ["claimed"]


def test_read_all_marks_only_the_callers(district, completed):
    district.api.resident.post(f"/orders/{completed['id']}/rate", json={"score": 5})
    assert unread(district.api.member) >= 1
    response = district.api.resident.post("/notifications/read-all")
    assert response.status_code == 204
    assert unread(district.api.resident) == 0
    assert district.api.resident.get("/notifications?unread=true").json == []
    assert unread(district.api.member) >= 1


def test_read_all_needs_a_login(anonymous):
    assert anonymous.post("/notifications/read-all").status_code == 401


def test_the_member_hears_the_rating_in_words(district, completed):
    district.api.resident.post(f"/orders/{completed['id']}/rate", json={"score": 4})
    message = district.api.member.get("/notifications").json[0]["message"]
    assert "满意" in message and "4" not in message.replace(completed["title"], "")


def test_the_secretary_hears_a_bad_rating_in_words(district, completed):
    district.api.resident.post(f"/orders/{completed['id']}/rate", json={"score": 2})
    note = district.api.secretary.get("/notifications").json[0]
    assert note["kind"] == "follow_up"
    assert "不满意" in note["message"] and "2分" not in note["message"]
