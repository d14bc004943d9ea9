"""/members/{id}/certificates, /certificates/{id}/pdf, /certificates/verify (public)."""

from volunteer.auth.access import require_actor
from volunteer.blueprints import ApiBlueprint as Blueprint
from volunteer.blueprints import public
from volunteer.certificates import downloads, services
from volunteer.certificates.schemas import (
    CertificateInputSchema,
    CertificateSchema,
    RevokeInputSchema,
    VerificationSchema,
    VerifyQuerySchema,
)

blp = Blueprint(
    "certificates",
    __name__,
    url_prefix="/api/v1",
    description="Certificates of volunteer service (志愿服务证明)",
)


def shown(certificate) -> dict:
    return {
        **services.certificate_view(certificate),
        "verify_url": downloads.verify_url(certificate),
    }


@blp.route("/members/<id:member_id>/certificates", methods=["POST"])
@blp.arguments(CertificateInputSchema)
@blp.response(201, CertificateSchema)
def issue_certificate(data, member_id):
    """Issue a numbered certificate for a period (the member, its secretary)."""
    return shown(services.issue_certificate(require_actor(), member_id, **data))


@blp.route("/members/<id:member_id>/certificates")
@blp.response(200, CertificateSchema(many=True))
def list_certificates(member_id):
    """The member's certificates, newest first (the member, its secretary)."""
    return [shown(c) for c in services.certificates_of(require_actor(), member_id)]


@blp.route("/certificates/<id:certificate_id>/pdf")
@blp.response(200, {"format": "binary", "type": "string"}, content_type="application/pdf")
def certificate_pdf(certificate_id):
    """The certificate as a PDF with its number and a QR of the verification address."""
    return downloads.download(certificate_id)


@blp.route("/certificates/<id:certificate_id>/revoke", methods=["POST"])
@blp.arguments(RevokeInputSchema)
@blp.response(200, CertificateSchema)
def revoke_certificate(data, certificate_id):
    """Revoke a certificate (the secretary): it verifies as revoked from then on."""
    return shown(services.revoke_certificate(require_actor(), certificate_id, data["reason"]))


@blp.route("/certificates/verify")
@public
@blp.arguments(VerifyQuerySchema, location="query")
@blp.response(200, VerificationSchema)
@blp.refuses(404)
def verify_certificate(args):
    """Anyone: is this number with this code a certificate, and does it stand? Wrong pair: 404."""
    return services.verify(args["number"], args["code"])
