"""ASGI entry point: pages and the API through Django's WSGI stack, websockets through
Channels.

HTTP goes through config.asgi_http, which runs the WSGI application as gunicorn
would and crosses between threads once a request; Django's own ASGI handler gave a
thread and a PostgreSQL connection to every request (docs/benchmarks.md, "HTTP
servers under load"). Websocket routes come from each app's routing.py; only
same-site origins and signed-in sessions reach them.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django_wsgi_app = get_wsgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from config.asgi_http import WsgiOnOneCrossing  # noqa: E402
from config.routing import websocket_urlpatterns  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": WsgiOnOneCrossing(django_wsgi_app),
        "websocket": AllowedHostsOriginValidator(
            AuthMiddlewareStack(URLRouter(websocket_urlpatterns))
        ),
    }
)
