"""Flask extensions made unbound here and bound by the app factory, so views import them without a cycle."""

from flask_login import LoginManager
from flask_wtf.csrf import CSRFProtect

login_manager = LoginManager()
csrf = CSRFProtect()
