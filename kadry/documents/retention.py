"""How long generated files are kept: a batch of personal cards is personal data, not an archive."""

from __future__ import annotations

import datetime as dt

from django.conf import settings

from kadry.documents.models import GeneratedDocument


def purge_generated_files(*, now: dt.datetime, keep_days: int | None = None) -> int:
    """Delete the files of generated documents finished more than ``keep_days`` ago; return how many.

    The job row stays (who asked for what, and when); its file is emptied, and the jobs page offers
    no download for it any more.
    """
    days = settings.KADRY_GENERATED_FILES_DAYS if keep_days is None else keep_days
    old = GeneratedDocument.objects.exclude(file="").filter(finished_at__lt=now - dt.timedelta(days=days))
    deleted = 0
    for job in old.only("pk", "file"):
        job.file.delete(save=False)
        GeneratedDocument.objects.filter(pk=job.pk).update(file="")
        deleted += 1
    return deleted
