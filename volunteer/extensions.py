"""Flask extensions, created unbound and initialised in create_app()."""

from typing import TYPE_CHECKING

from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_smorest import Api
from flask_sqlalchemy import SQLAlchemy
from flask_talisman import Talisman
from flask_wtf.csrf import CSRFProtect

from volunteer.db import Base

db = SQLAlchemy(model_class=Base)
# The models' base class. Flask-SQLAlchemy builds `db.Model` at run time (Base plus its query
# property and table names), which a type checker cannot follow; to it, the models derive from
# the typed declarative base itself (the usual Flask-SQLAlchemy 3.1 workaround).
if TYPE_CHECKING:
    Model = Base
else:
    Model = db.Model
migrate = Migrate(render_as_batch=True, compare_type=True)
api = Api()
# No catch-all `default` response: each operation lists the errors it answers
# (volunteer/blueprints.py), so a client and schemathesis know them.
api.DEFAULT_ERROR_RESPONSE_NAME = None
babel = Babel()
login = LoginManager()
csrf = CSRFProtect()
talisman = Talisman()
limiter = Limiter(key_func=get_remote_address, default_limits=[])
