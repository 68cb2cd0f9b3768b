"""Print the demo logins as a table."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from kaiku.accounts.demo import KEY_PEOPLE, demo_password, generated_people, login_notes
from kaiku.accounts.models import User


class Command(BaseCommand):
    help = (
        "Print the demo accounts (email, name, roles, organisation, the groups they chair or "
        "are secretary of) and the demo password."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--all", action="store_true", help="Also list the generated staff members."
        )

    def handle(self, *args, **options):
        people = KEY_PEOPLE + (generated_people() if options["all"] else [])
        users = {
            u.email: u
            for u in User.objects.filter(email__in=[p.email for p in people])
            .select_related("organisation")
            .prefetch_related("role_assignments")
        }
        notes = login_notes(list(users.values()))
        rows = [("Email", "Name", "Roles", "Organisation", "Groups")]
        for person in people:
            user = users.get(person.email)
            if user is None:
                continue
            roles = sorted(a.role for a in user.role_assignments.all())
            if user.is_superuser:
                roles.insert(0, "superuser")
            rows.append(
                (
                    user.email,
                    user.full_name,
                    ", ".join(roles) or "-",
                    str(user.organisation or "-"),
                    notes.get(user.pk, ""),
                )
            )
        if len(rows) == 1:
            self.stdout.write("No demo accounts. Run: python manage.py load_demo")
            return
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
        for n, row in enumerate(rows):
            line = "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row))
            self.stdout.write(line.rstrip())
            if n == 0:
                self.stdout.write("  ".join("-" * w for w in widths))
        self.stdout.write("")
        self.stdout.write(f"Password for every demo account: {demo_password()}")
