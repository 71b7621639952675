"""What the board forgets after the retention period: replies, the contact details of finished posts, and who
answered the needs questionnaire (the needs and the commune stay: the état des lieux counts them)."""

from django.db.models import Q

from home.retention import register

from .choices import PostStatus
from .models import BoardPost, BoardReply, NeedsSurveyAnswer


@register("Réponses aux annonces de mutualisation")
def purge_replies(cutoff, dry_run=False) -> int:
    old = BoardReply.objects.filter(sent_at__lt=cutoff)
    return old.count() if dry_run else old.delete()[0]


@register("Coordonnées des auteurs d'annonces terminées")
def forget_posters(cutoff, dry_run=False) -> int:
    """Posts expired or fulfilled before the cutoff keep their text (for the record) but lose who posted them."""
    finished = Q(expires_on__lt=cutoff.date()) | Q(status=PostStatus.FULFILLED, fulfilled_on__lt=cutoff.date())
    old = BoardPost.objects.filter(finished).exclude(contact_name="", contact_email="")
    return old.count() if dry_run else old.update(contact_name="", contact_email="")


@register("Coordonnées et messages des réponses au questionnaire des besoins")
def forget_respondents(cutoff, dry_run=False) -> int:
    old = NeedsSurveyAnswer.objects.filter(consent_given_at__lt=cutoff).exclude(
        contact_name="", contact_email="", message="", other_needs=""
    )
    return old.count() if dry_run else old.update(contact_name="", contact_email="", message="", other_needs="")
