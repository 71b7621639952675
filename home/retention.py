"""How long what visitors send is kept: every kind of stored submission registers how to purge it here.

`register(label, function)` adds a purger: `function(cutoff, dry_run)` deletes (or only counts) the records
older than `cutoff` and returns their number. The `purge_form_submissions` command runs them all.
"""

from wagtail.contrib.forms.models import FormSubmission

PURGERS = {}


def register(label: str):
    def decorator(function):
        PURGERS[label] = function
        return function

    return decorator


@register("Envois des pages de formulaire")
def purge_form_page_submissions(cutoff, dry_run=False) -> int:
    old = FormSubmission.objects.filter(submit_time__lt=cutoff)
    return old.count() if dry_run else old.delete()[0]


def purge_before(cutoff, dry_run=False) -> dict[str, int]:
    return {label: purger(cutoff, dry_run) for label, purger in PURGERS.items()}
