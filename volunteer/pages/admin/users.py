"""The operator's users list: search by username, name or phone; disable or enable an
account (a disabled one's sessions end and it cannot log in)."""

from flask import render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from volunteer.auth import accounts
from volunteer.auth.access import require_actor, require_admin
from volunteer.district import services
from volunteer.pages.actions import act
from volunteer.pages.admin.blueprint import bp
from volunteer.pages.paging import page_of
from volunteer.schemas import mask_phone

PAGE_SIZE = 30


def search(actor):
    """The page of users matching `?q=`, and the community names to show beside them."""
    q = request.args.get("q", "").strip()[:60]
    page = page_of(accounts.users_query(actor, q), PAGE_SIZE)
    communities = {c.id: c.name for c in services.directory()["communities"]}
    return q, page, communities


@bp.route("/users")
@login_required
def users():
    """Users by username, found by part of the username or name, or the whole phone."""
    actor = require_actor()
    require_admin(actor)
    q, page, communities = search(actor)
    return render_template(
        "pages/admin/users.html",
        q=q,
        page=page,
        communities=communities,
        mask_phone=mask_phone,
        me=actor.id,
    )


def back() -> str:
    return url_for("admin.users", q=request.args.get("q") or None)


@bp.route("/users/<id:user_id>/disable", methods=["POST"])
@login_required
def disable(user_id):
    """Disable an account: it is logged out everywhere and cannot log in."""
    actor = require_actor()
    return act(
        lambda _form: accounts.disable_user(actor, user_id),
        done=lambda user: _("%(name)s is disabled and logged out everywhere.", name=user.username),
        then=back(),
    )


@bp.route("/users/<id:user_id>/enable", methods=["POST"])
@login_required
def enable(user_id):
    """Let a disabled account log in again."""
    actor = require_actor()
    return act(
        lambda _form: accounts.enable_user(actor, user_id),
        done=lambda user: _("%(name)s may log in again.", name=user.username),
        then=back(),
    )
