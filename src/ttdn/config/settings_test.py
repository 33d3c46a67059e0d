"""Settings for the test suite: the real settings, with test-only values in the environment."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-not-secret")
os.environ.setdefault("TASKS_BACKEND", "immediate")
os.environ.setdefault("EMAIL_URL", "memory://")
os.environ.setdefault("SECURE_COOKIES", "False")
os.environ.setdefault("LOG_LEVEL", "WARNING")
# The fixture press site is served on 127.0.0.1; production refuses private addresses.
os.environ.setdefault("MONITORING_ALLOW_NETWORKS", "127.0.0.1/32")

from ttdn.config.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# Static files come from the apps' folders (no collectstatic in tests).
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

# Uploaded files of the tests go to a throw-away folder.
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="ttdn-test-media-"))
