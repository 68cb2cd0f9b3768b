"""Import an earlier survey round from a CSV or XLSX export (Webropol, Microsoft Forms).

    manage.py import_survey_round FILE --title TITLE [--survey ID]
        [--results public|staff|coordinators] [--closed YYYY-MM-DD] [--dry-run]

Prints what it inferred of every column, then imports every row as an anonymous response, or
nothing when any cell does not fit (docs/surveys.md, "Importing earlier rounds").
"""

from __future__ import annotations

import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from kaiku.surveys import importing
from kaiku.surveys.models import ResultsVisibility, Survey


class Command(BaseCommand):
    help = (
        "Create a survey (or, with --survey, the next round of one) from a CSV or XLSX file "
        "with a row per respondent and a column per question, and import the rows as "
        "anonymous answers. Columns that identify the respondent are never imported."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="The CSV or XLSX file.")
        parser.add_argument("--title", required=True, help="The survey's title (Finnish).")
        parser.add_argument(
            "--survey", type=int, help="Import as the next round of this survey (its id)."
        )
        parser.add_argument(
            "--results",
            choices=ResultsVisibility.values,
            default=ResultsVisibility.STAFF,
            help="Who sees the results (default: staff).",
        )
        parser.add_argument(
            "--closed",
            type=datetime.date.fromisoformat,
            help="The day the round closed (default: today).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Show what would be imported; write nothing."
        )

    def handle(self, *args, **options) -> None:
        translation.activate("en")
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        if path.stat().st_size > importing.MAX_BYTES:
            raise CommandError(
                f"The file is larger than {importing.MAX_BYTES // (1024 * 1024)} MB. "
                "Nothing was imported."
            )
        previous = None
        if options["survey"] is not None:
            previous = Survey.objects.filter(pk=options["survey"]).first()
            if previous is None:
                raise CommandError(f"No survey with the id {options['survey']}.")
        vocabulary = importing.load_vocabulary()
        try:
            table = importing.read_table(path.read_bytes(), path.name)
            plan = importing.infer_plan(table, vocabulary=vocabulary, previous=previous)
        except importing.ImportFileError as exc:
            raise CommandError(self._problems(exc)) from None
        self.stdout.write(f"{path.name}: {table.describe()}, {len(table.rows)} answer rows.")
        for line in plan.report():
            self.stdout.write(f"  {line}")
        if plan.identifying:
            self.stdout.write(
                "Columns that identify the respondent are never imported: "
                + ", ".join(c.header for c in plan.identifying)
                + "."
            )
        try:
            if options["dry_run"]:
                importing.convert_rows(plan, vocabulary)
                self.stdout.write(self.style.SUCCESS("Dry run: every row fits. Nothing written."))
                return
            result = importing.import_round(
                plan,
                title=options["title"],
                survey=previous,
                results_visibility=options["results"],
                closed_on=options["closed"],
                vocabulary=vocabulary,
            )
        except importing.ImportFileError as exc:
            raise CommandError(self._problems(exc)) from None
        survey = result.survey
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {result.responses} responses ({result.answers} answers) as survey "
                f"{survey.pk} “{survey.title}”, round {survey.round_number}."
            )
        )

    @staticmethod
    def _problems(exc: importing.ImportFileError) -> str:
        return "\n".join([*exc.messages, "Nothing was imported."])
