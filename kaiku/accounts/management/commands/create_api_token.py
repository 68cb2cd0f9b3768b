"""Create (or rotate) the API token of a person and print it."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from kaiku.accounts.models import User
from kaiku.accounts.services import token_create


class Command(BaseCommand):
    help = (
        "Create an API token for the person with this email address and print the key (it "
        "is shown only now; it expires after KAIKU_API_TOKEN_DAYS days)."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument(
            "--rotate",
            action="store_true",
            help="Replace an existing token (the old key stops working at once).",
        )

    def handle(self, *args, email: str, rotate: bool, **options):
        user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
        if user is None:
            raise CommandError(f"No active account with the email address {email}.")
        try:
            token = token_create(user=user, actor=None, rotate=rotate)
        except ValidationError as error:
            raise CommandError(
                f"{user.email} already has an API token; use --rotate to replace it."
            ) from error
        self.stdout.write(token.key)
        self.stderr.write(f"The token expires on {token.expires_at:%Y-%m-%d %H:%M %Z}.")
