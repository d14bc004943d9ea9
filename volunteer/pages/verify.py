"""The public verification page of certificates (/verify): anyone with the number and the
code sees whether it stands, with the masked name, hours, period and issuer only."""

from flask import Blueprint, render_template, request

from volunteer.certificates import services
from volunteer.errors import NotFound

bp = Blueprint("verify", __name__)


@bp.route("/verify")
def verify_page():
    """A form; with `number` and `code` the answer (404 for a wrong pair)."""
    number = request.args.get("number", "").strip()[:30]
    code = request.args.get("code", "").strip()[:16]
    result, status = None, 200
    if number and code:
        try:
            result = services.verify(number, code)
        except NotFound:
            status = 404
    return render_template(
        "pages/verify.html", number=number, code=code, result=result, asked=bool(number and code)
    ), status
