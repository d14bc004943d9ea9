"""文字·语音·预约 in the demo: a request left as a voice note (offered to the eldercare team),
and one with a visit booked for tomorrow afternoon that the member who took it has still to
confirm."""

import io
import math
import wave
from datetime import timedelta

import sqlalchemy as sa

from volunteer.auth.models import User
from volunteer.db import utcnow
from volunteer.extensions import db
from volunteer.orders import creation, triage, voice, work
from volunteer.orders.models import Order
from volunteer.orders.timing import zone
from volunteer.teams.models import Team


def tone(seconds: float = 4.0, rate: int = 8000) -> bytes:
    """A short WAV (a falling two-note chime) standing in for a resident's voice."""
    out = io.BytesIO()
    with wave.open(out, "wb") as recording:
        recording.setnchannels(1)
        recording.setsampwidth(2)
        recording.setframerate(rate)
        frames = bytearray()
        for i in range(int(seconds * rate)):
            pitch = 660 if i < seconds * rate / 2 else 440
            fade = 1 - (i % (rate * 2)) / (rate * 2)
            value = int(8000 * fade * math.sin(2 * math.pi * pitch * i / rate))
            frames += value.to_bytes(2, "little", signed=True)
        recording.writeframes(bytes(frames))
    return out.getvalue()


def team(order: Order, key: str) -> Team:
    """The order's community's standard team for `key`."""
    return db.session.execute(
        sa.select(Team).where(Team.community_id == order.community_id, Team.key == key)
    ).scalar_one()


def seed_intake(secretaries: dict[int, User]) -> None:
    users = {u.username: u for u in db.session.scalars(sa.select(User))}
    spoken = creation.create_order(
        users["jumin_li"],
        kind="need",
        category="eldercare",
        title="腿脚不便，想请人陪同去医院复查",
        description="（语音留言）下周二上午要去区医院复查，一个人去不了，想找人陪一下。",
        address="幸福里小区5栋1单元302",
        urgency="normal",
    )
    voice.add_voice_note(users["jumin_li"], spoken.id, tone())
    triage.dispatch_order(
        secretaries[spoken.community_id], spoken.id, team_id=team(spoken, "eldercare").id
    )

    # 首问负责: the first grid's worker files for an old man without a phone of his own and
    # hears of every step; the secretary has accepted it.
    filed = creation.create_order(
        users["wangge1"],
        on_behalf_of={"name": "孙大爷", "phone": "13700137009"},
        kind="need",
        category="policy",
        title="孙大爷想办老年人优待证",
        description="网格员走访时孙大爷说：想办老年人优待证，不会在手机上申请，腿脚不便，请派人上门帮办。",
        address="幸福里小区2栋1单元101",
        urgency="normal",
    )
    triage.accept_order(secretaries[filed.community_id], filed.id)

    tomorrow = utcnow().astimezone(zone()).date() + timedelta(days=1)
    booked = creation.create_order(
        users["jumin_wang"],
        kind="need",
        category="repair",
        title="卫生间灯不亮了",
        description="卫生间的吸顶灯不亮，换了灯泡也不行，可能是开关坏了。",
        address="幸福里小区3栋2单元501",
        urgency="normal",
        appointment={"date": tomorrow, "half_day": "pm"},
    )
    secretary = secretaries[booked.community_id]
    triage.dispatch_order(secretary, booked.id, team_id=team(booked, "repair").id)
    work.claim_order(users["dangyuan03"], booked.id)
    db.session.flush()
