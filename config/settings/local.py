"""Development settings: what `make run` uses."""

from __future__ import annotations

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default="django-insecure-kaiku-local-development-only")
# Demo accounts should be usable without a phone: MFA is enforced in production.
KAIKU_MFA_ENFORCED = env.bool("MFA_ENFORCED", default=False)
