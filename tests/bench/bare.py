"""The HTTP benchmark's baseline: plain Flask-SQLAlchemy endpoints on the same database engine
as the app (tests/bench/http.py serves it with gunicorn next to the app).

    GET  /hello        → a constant JSON object (the WSGI stack alone)
    GET  /rows/<id>    → one row read by primary key, as JSON
    POST /rows         → one row inserted and committed, as JSON

SQLite gets the app's pragmas (WAL, synchronous=NORMAL, a busy timeout), so that the two
differ only in what the app does per request. The table is `bench_bare_rows`, created (and
filled with 10,000 rows) by `prepare(url)`.
"""

import os
import sqlite3
from datetime import UTC, datetime

import sqlalchemy as sa
from flask import Flask, abort, jsonify, request
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

ROWS = 10_000


class Base(DeclarativeBase):
    pass


db = SQLAlchemy(model_class=Base)


class Row(db.Model):  # type: ignore[name-defined,misc]
    __tablename__ = "bench_bare_rows"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(60))
    note: Mapped[str | None] = mapped_column(sa.String(200))
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True))


def pragmas(dbapi_connection, connection_record):
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()


def create_app(url: str | None = None) -> Flask:
    app = Flask(__name__)
    app.config["SQLALCHEMY_DATABASE_URI"] = url or os.environ["BARE_DATABASE_URL"]
    db.init_app(app)
    with app.app_context():
        sa.event.listen(db.engine, "connect", pragmas)

    @app.get("/hello")
    def hello():
        return jsonify(hello="world")

    @app.get("/rows/<int:row_id>")
    def read(row_id):
        row = db.session.get(Row, row_id)
        if row is None:
            abort(404)
        return jsonify(id=row.id, name=row.name, note=row.note, created_at=row.created_at)

    @app.post("/rows")
    def insert():
        body = request.get_json()
        row = Row(name=body["name"], note=body.get("note"), created_at=datetime.now(UTC))
        db.session.add(row)
        db.session.commit()
        return jsonify(id=row.id, name=row.name, note=row.note, created_at=row.created_at), 201

    return app


def prepare(url: str) -> None:
    """The baseline's table with ROWS rows (again from scratch)."""
    app = create_app(url)
    with app.app_context():
        Row.__table__.drop(db.engine, checkfirst=True)
        Row.__table__.create(db.engine)
        now = datetime.now(UTC)
        db.session.execute(
            sa.insert(Row),
            [{"name": f"row {i}", "note": "x" * 40, "created_at": now} for i in range(ROWS)],
        )
        db.session.commit()
        db.engine.dispose()
