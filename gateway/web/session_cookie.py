"""The signed session cookie, opened only for the pages: the API never reads it.

The API authenticates by bearer token alone (api.py), so under /api/ the session is Flask's null
session: no cookie is verified on the way in or written on the way out of every API call (issue 13),
and code that tried to keep a value there would fail loudly instead of setting a cookie.
"""

from flask.sessions import SecureCookieSessionInterface

from gateway.web.errors import API_PREFIX


class PagesOnlySessionInterface(SecureCookieSessionInterface):
    def open_session(self, app, request):
        if request.path.startswith(API_PREFIX):
            return self.make_null_session(app)
        return super().open_session(app, request)
