"""Import an existing FAQ from a CSV file (docs/questions.md, kaiku.questions.importing)."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from kaiku.programme.models import Programme
from kaiku.questions.importing import QuestionImportError, import_questions


class Command(BaseCommand):
    help = (
        "Import questions and answers from a UTF-8 CSV file with a header row: question "
        "(required), answer, topic, group (a working group's slug). Nothing is imported when "
        "any row is bad; importing the same file again adds nothing."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="The CSV file.")
        parser.add_argument(
            "--programme",
            metavar="SLUG",
            help="The programme the questions are about (needed when there are several).",
        )
        parser.add_argument(
            "--answered-by",
            metavar="EMAIL",
            help="The person shown as giving the imported answers, for their organisation "
            "(by default nobody).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check the file and say what would change, without changing anything.",
        )

    def _programme(self, slug: str | None) -> Programme:
        if slug:
            programme = Programme.objects.filter(slug=slug).first()
            if programme is None:
                raise CommandError(_('There is no programme "%(slug)s".') % {"slug": slug})
            return programme
        programmes = list(Programme.objects.order_by("slug")[:2])
        if len(programmes) == 1:
            return programmes[0]
        if not programmes:
            raise CommandError(_("There are no programmes: create one first."))
        slugs = ", ".join(Programme.objects.order_by("slug").values_list("slug", flat=True))
        raise CommandError(
            _("Give the programme with --programme SLUG (one of: %(slugs)s).") % {"slugs": slugs}
        )

    def _person(self, email: str | None):
        if not email:
            return None
        person = (
            get_user_model()
            .objects.filter(email__iexact=email.strip(), is_active=True)
            .select_related("organisation")
            .first()
        )
        if person is None:
            raise CommandError(
                _("There is no active person with the email %(email)s.") % {"email": email}
            )
        return person

    def handle(
        self,
        *args,
        file: str,
        programme: str | None,
        answered_by: str | None,
        dry_run: bool,
        **options,
    ) -> None:
        path = Path(file)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(
                _("Cannot read %(file)s: %(error)s") % {"file": file, "error": exc.strerror}
            ) from exc
        target = self._programme(programme)
        person = self._person(answered_by)
        try:
            result = import_questions(data, programme=target, answered_by=person, dry_run=dry_run)
        except QuestionImportError as exc:
            for error in exc.errors:
                self.stderr.write(error)
            raise CommandError(
                _("Nothing was imported: fix the rows above and run the import again.")
            ) from exc
        prefix = _("Dry run, nothing changed: ") if dry_run else ""
        self.stdout.write(prefix + result.summary())
