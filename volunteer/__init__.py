"""volunteer: 三单制 community volunteer service (居民点单、支部派单、党员接单)."""

import gc
import os
from pathlib import Path

from flask import Flask
from flask_babel import lazy_gettext

import volunteer.i18n  # noqa: F401  (marshmallow's messages translatable before any schema is built)
from volunteer.config import load_config
from volunteer.json_provider import OrjsonProvider

PACKAGE_DIR = Path(__file__).resolve().parent


class App(Flask):
    # JSON bodies through orjson; Chinese stays readable (UTF-8), fields in the order the
    # schemas declare them (volunteer/json_provider.py).
    json_provider_class = OrjsonProvider


def migrations_directory() -> str:
    """Inside the package when installed from a wheel, else the repository's migrations/."""
    packaged = PACKAGE_DIR / "migrations"
    if (packaged / "env.py").exists():
        return str(packaged)
    return str(PACKAGE_DIR.parent / "migrations")


def create_app(test_config: dict | None = None) -> Flask:
    """The application factory (gunicorn 'volunteer:create_app()')."""
    # VOLUNTEER_INSTANCE_PATH: local state (SQLite, secret key, uploads, config.py) of one
    # server; two servers from one installation keep theirs apart.
    instance_path = os.environ.get("VOLUNTEER_INSTANCE_PATH")
    app = App(
        __name__,
        instance_path=os.path.abspath(instance_path) if instance_path else None,
        instance_relative_config=True,
    )
    os.makedirs(app.instance_path, exist_ok=True)
    load_config(app, test_config)
    trust_proxies(app)
    register_extensions(app)
    register_blueprints(app)
    register_request_hooks(app)
    register_error_handlers(app)
    # Everything built so far lives as long as the process: move it out of the collector's
    # way, so that full collections stay short and do not stall requests (~100 ms before).
    gc.freeze()
    return app


def trust_proxies(app: Flask) -> None:
    """Behind VOLUNTEER_TRUSTED_PROXIES reverse proxies, take the client's address, scheme,
    host and port from their X-Forwarded-* headers (rate limits and the login lockout count
    the real client); with none configured those headers are ignored, as anyone can send them."""
    hops = app.config["TRUSTED_PROXIES"]
    if hops > 0:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_port=hops
        )


def not_the_search_index(name, type_, parent_names) -> bool:
    """Alembic's autogenerate leaves the search index's engine-specific objects alone
    (FTS5's shadow tables, the GIN expression index: volunteer/orders/search_index.py)."""
    from volunteer.orders.search_index import is_index_object

    return not is_index_object(name)


def register_extensions(app: Flask) -> None:
    from volunteer import db as _db  # noqa: F401  (SQLite pragmas)
    from volunteer.auth.callers import init_callers
    from volunteer.converters import register_converters
    from volunteer.extensions import api, babel, csrf, db, limiter, login, migrate
    from volunteer.security import init_security

    register_converters(app, api)
    db.init_app(app)
    init_callers(app)
    migrate.init_app(app, db, directory=migrations_directory(), include_name=not_the_search_index)
    app.config.setdefault(
        "API_SPEC_OPTIONS",
        {
            "components": {
                "securitySchemes": {
                    "bearerAuth": {"type": "http", "scheme": "bearer"},
                    # The web session (with its CSRF token for changes) works as well.
                    "cookieAuth": {"type": "apiKey", "in": "cookie", "name": "session"},
                }
            },
            # Credentials are required; public operations say `security: []` (blueprints.public).
            "security": [{"bearerAuth": []}, {"cookieAuth": []}],
        },
    )
    api.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    login.init_app(app)
    login.login_view = "session.login"
    login.login_message = lazy_gettext("Please log in to see this page.")
    app.context_processor(page_context)
    from volunteer.pages.filters import register_filters

    register_filters(app)
    csrf.init_app(app)
    limiter.init_app(app)
    init_security(app)
    import volunteer.auth.sessions
    import volunteer.models  # every model registered before the first query
    import volunteer.stats.totals  # noqa: F401  (the order list's unfiltered total)


LANGUAGES = {"zh": "zh_Hans_CN", "en": "en"}


def page_context() -> dict:
    """What every page template knows: the language, and whether the elder-friendly mode is on."""
    from flask import request
    from flask_babel import get_locale
    from flask_login import current_user

    from volunteer.labels import STATUS_NAMES, category_name, status_name
    from volunteer.pages.navigation import links_for

    return {
        "elder_mode": request.cookies.get("elder") == "1",
        "get_locale": get_locale,
        "status_name": status_name,
        "category_name": category_name,
        "status_names": {code: str(name) for code, name in STATUS_NAMES.items()},
        "role_links": links_for(current_user),
    }


def select_locale() -> str:
    """?lang=, then the `lang` cookie, then Accept-Language; 简体中文 by default (and outside a
    request, where a lazy message may be logged)."""
    from flask import has_request_context, request

    if not has_request_context():
        return LANGUAGES["zh"]

    for choice in (request.args.get("lang"), request.cookies.get("lang")):
        if choice in LANGUAGES:
            return LANGUAGES[choice]
    best = request.accept_languages.best_match(list(LANGUAGES), default="zh")
    return LANGUAGES[best]


def register_blueprints(app: Flask) -> None:
    from flask_swagger_ui import get_swaggerui_blueprint

    from volunteer.activities.api import blp as activities
    from volunteer.auth.api import blp as auth
    from volunteer.certificates.api import blp as certificates
    from volunteer.district.api import blp as organisations
    from volunteer.extensions import api
    from volunteer.health import blp as health
    from volunteer.love_bank.api import blp as love_bank
    from volunteer.love_shop.api import blp as love_shop
    from volunteer.matching.api import blp as matching
    from volunteer.notifications.api import blp as notifications
    from volunteer.opinions.api import blp as opinions
    from volunteer.orders.api import blp as orders
    from volunteer.pages import register_pages
    from volunteer.pairings.api import blp as pairings
    from volunteer.people.api import blp as people
    from volunteer.pledges.api import blp as pledges
    from volunteer.reports.api import blp as reports
    from volunteer.stats.api import blp as stats
    from volunteer.surveys.api import blp as surveys
    from volunteer.teams.api import blp as teams
    from volunteer.volunteers.api import blp as volunteers

    for blueprint in (
        health,
        auth,
        organisations,
        people,
        teams,
        orders,
        matching,
        notifications,
        stats,
        reports,
        surveys,
        pledges,
        activities,
        certificates,
        opinions,
        volunteers,
        love_bank,
        love_shop,
        pairings,
    ):
        api.register_blueprint(blueprint)
    app.register_blueprint(
        get_swaggerui_blueprint(
            "/api/docs",
            "/api/openapi.json",
            # No validator badge (an image from validator.swagger.io), and no top bar (its
            # logo is an SVG with an inline <style>, which the Content-Security-Policy refuses).
            # No deep links either: each operation's path would be a link inside the button
            # that opens it (axe-core: nested-interactive); Swagger UI then shows plain text.
            config={
                "app_name": "volunteer API",
                "validatorUrl": None,
                "layout": "BaseLayout",
                "deepLinking": False,
            },
        )
    )
    register_pages(app)
    from volunteer.metrics import bp as metrics

    app.register_blueprint(metrics)


def register_request_hooks(app: Flask) -> None:
    from volunteer.auth.csrf import protect_cookie_requests
    from volunteer.db import wrote
    from volunteer.extensions import db
    from volunteer.request_log import register_request_log

    # First, so that its after-request hook runs last: the duration includes the commit.
    register_request_log(app)
    app.before_request(protect_cookie_requests)

    @app.after_request
    def commit(response):
        """The request is the transaction: commit what succeeded, roll back what did not. A
        read began no transaction and ends none (docs/design.md, "Requests and
        transactions")."""
        if response.status_code >= 400:
            db.session.rollback()
        elif wrote(db.session):
            db.session.commit()
        return response


def register_error_handlers(app: Flask) -> None:
    from volunteer.errors import register_error_handlers as register

    register(app)
