"""/samples, /sample-items, /review-windows, /satisfaction-index, /assessments."""

from volunteer.auth.access import require_actor
from volunteer.blueprints import ApiBlueprint as Blueprint
from volunteer.pagination import paginate
from volunteer.surveys import index, reviews, samples
from volunteer.surveys.schemas import (
    AnswerSchema,
    AssessmentQuerySchema,
    AssessmentSchema,
    IndexQuerySchema,
    IndexRowSchema,
    ReviewQuerySchema,
    ReviewResponseCreateSchema,
    ReviewResponseSchema,
    ReviewWindowCreateSchema,
    ReviewWindowSchema,
    SampleCreateSchema,
    SampleItemSchema,
    SampleItemViewSchema,
    SampleQuerySchema,
    SampleSchema,
)

blp = Blueprint(
    "surveys", __name__, url_prefix="/api/v1", description="Satisfaction that checks itself"
)


@blp.route("/samples", methods=["POST"])
@blp.arguments(SampleCreateSchema)
@blp.response(201, SampleSchema)
@blp.refuses(404)
def draw_sample(args):
    """Draw the street's random sample of the orders closed in a month (stored seed)."""
    return samples.draw_sample(require_actor(), **args)


@blp.route("/samples")
@blp.arguments(SampleQuerySchema, location="query")
@blp.response(200, SampleSchema(many=True))
@blp.paginate()
def list_samples(args, pagination_parameters):
    """Samples of the caller's streets, newest month first."""
    return paginate(samples.samples_of(require_actor(), **args), pagination_parameters)


@blp.route("/samples/<id:sample_id>")
@blp.response(200, SampleSchema)
def get_sample(sample_id):
    """One sample with its items."""
    return samples.access_sample(require_actor(), sample_id)


@blp.route("/sample-items/<id:item_id>")
@blp.response(200, SampleItemViewSchema)
def get_sample_item(item_id):
    """A sampled order for its surveyor; the resident's contact while it is open (logged)."""
    return samples.view_item(require_actor(), item_id)


@blp.route("/sample-items/<id:item_id>/answer", methods=["POST"])
@blp.arguments(AnswerSchema)
@blp.response(200, SampleItemSchema)
def answer_sample_item(args, item_id):
    """Record the call-back; 不满意 or not resolved opens a follow-up (回访)."""
    return samples.answer_item(require_actor(), item_id, **args)


@blp.route("/review-windows", methods=["POST"])
@blp.arguments(ReviewWindowCreateSchema)
@blp.response(201, ReviewWindowSchema)
@blp.refuses(404)
def open_review_window(args):
    """Open a periodic review (定期评议) for the street's residents."""
    return reviews.open_review_window(require_actor(), **args)


@blp.route("/review-windows")
@blp.arguments(ReviewQuerySchema, location="query")
@blp.response(200, ReviewWindowSchema(many=True))
@blp.paginate()
def list_review_windows(args, pagination_parameters):
    """Review windows of the caller's street(s)."""
    return paginate(reviews.windows_of(require_actor(), **args), pagination_parameters)


@blp.route("/review-windows/<id:window_id>/responses", methods=["POST"])
@blp.arguments(ReviewResponseCreateSchema)
@blp.response(201, ReviewResponseSchema)
def respond_to_review(args, window_id):
    """A resident rates their community in an open window, once."""
    return reviews.respond(require_actor(), window_id, **args)


@blp.route("/satisfaction-index")
@blp.arguments(IndexQuerySchema, location="query")
@blp.response(200, IndexRowSchema(many=True))
def satisfaction_index(args):
    """The 群众满意指数 per community: the three parts with Wilson intervals, the index,
    the small-sample and inflation flags."""
    return index.satisfaction_index(require_actor(), **args)


@blp.route("/assessments")
@blp.arguments(AssessmentQuerySchema, location="query")
@blp.response(200, AssessmentSchema(many=True))
def assessments(args):
    """The yearly assessment (述职评议): each community's index and level."""
    return index.assessments(require_actor(), **args)
