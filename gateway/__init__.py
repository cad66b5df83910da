"""Document access gateway for English local councils."""


def create_app(config=None):
    """Build the Flask application (imported lazily so the CLI starts quickly)."""
    from gateway.web.app import create_app as _create_app

    return _create_app(config)
