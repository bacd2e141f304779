"""Settings for serving the node benchmark over HTTP: the test settings plus the bare page."""

from seawall.settings_test import *  # noqa: F403

ROOT_URLCONF = "benchmarks.node_urls"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
