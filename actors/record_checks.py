"""« Vérifiez votre fiche »: the signed link an actor receives, and what it may do with it.

- `send_request(actor, user)` queues the e-mail (home.mail) to the record's private address (the club's own,
  never published), else its public one, else the person who proposed the record, with a link signed by
  `django.core.signing` (its own salt) that expires after `LINK_MAX_AGE`. The link carries only the request's
  number, signed: no address, no name. The request keeps a keyed digest of the address, not the address.
- An address the mail server refuses for good (SMTP 5xx, home.outbox) marks the request « adresse en échec »
  (`mark_undeliverable`): the dashboard lists it, and the yearly job does not write to that address again for
  that record until the address changes.
- The link works once per change: the request keeps a fingerprint of the record (its latest revision, its last
  check, its publication), and the link is refused once the structure answered or the record changed.
- `confirm(check)` sets `last_reviewed` to today on the live record and keeps who answered and when;
  `propose_correction(check, form)` saves the corrections as a draft revision of the actor (the live record is
  untouched) and sends it to the moderation workflow, where a moderator compares, publishes or rejects it.
  Publishing any draft never takes `last_reviewed` back before the structure's latest confirmation.
"""

import hashlib
from datetime import timedelta

from django.core import signing
from django.db import transaction
from django.db.models import Case, F, Max, OuterRef, Q, Subquery, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from wagtail.log_actions import log
from wagtail.models import Site

from home import mail, outbox

from .models import Actor, RecordCheck

SALT = "actors.record-check"
ADDRESS_SALT = "actors.record-check.address"
REFUSAL_HANDLER = "actors.record_check"
LINK_MAX_AGE = timedelta(days=30)
YEARLY_INTERVAL = timedelta(days=365)

# Why a link does not open the record, in French, for the person who followed it.
REFUSALS = {
    "invalid": (
        "Ce lien n'est pas valide",
        "Il est incomplet ou a été modifié. Copiez l'adresse entière depuis l'e-mail reçu, ou écrivez au club "
        "pour recevoir un nouveau lien.",
    ),
    "expired": (
        "Ce lien a expiré",
        "Par sécurité, un lien de vérification ne sert que 30 jours. Écrivez au club pour en recevoir un nouveau.",
    ),
    "used": (
        "Ce lien a déjà servi",
        "La fiche a déjà été confirmée ou des corrections ont déjà été proposées avec ce lien : les bénévoles du "
        "club s'en occupent. Pour une autre correction, écrivez au club.",
    ),
    "no_session": (
        "Ouvrez le lien reçu par e-mail",
        "Cette page s'ouvre depuis le lien de l'e-mail « Vérifiez votre fiche », dans le navigateur où vous l'avez "
        "ouvert (il garde le lien le temps de votre visite). Cliquez de nouveau sur le lien de l'e-mail.",
    ),
    "changed": (
        "La fiche a changé depuis l'envoi de ce lien",
        "Les bénévoles du club ont modifié la fiche depuis : ce lien ne sert plus. Écrivez au club si quelque "
        "chose doit encore être corrigé.",
    ),
}


def fingerprint(actor: Actor) -> str:
    """What the record is now: a link made for another state of the record no longer works."""
    state = f"{actor.pk}:{actor.latest_revision_id}:{actor.last_reviewed}:{actor.live}"
    return hashlib.sha256(state.encode()).hexdigest()


def recipient(actor: Actor) -> tuple[str, str]:
    """(address, RecordCheck.Recipient) the request goes to: the record's private address, else its public one,
    else its proposer's."""
    if actor.private_email:
        return actor.private_email, RecordCheck.Recipient.PRIVATE
    if actor.email:
        return actor.email, RecordCheck.Recipient.PUBLIC
    proposal = getattr(actor, "proposal", None)  # no proposal: Django's error is an AttributeError
    if proposal is not None and proposal.contact_email:
        return proposal.contact_email, RecordCheck.Recipient.PROPOSER
    return "", ""


def address_digest(address: str) -> str:
    """A keyed digest of the address (SECRET_KEY): tells whether it changed, without keeping it."""
    return salted_hmac(ADDRESS_SALT, address.strip().lower(), algorithm="sha256").hexdigest() if address else ""


def make_token(check: RecordCheck) -> str:
    return signing.dumps(check.pk, salt=SALT)


def link_path(check: RecordCheck) -> str:
    return reverse("actors_record_check_link", args=[make_token(check)])


def public_url(path: str) -> str:
    site = Site.objects.filter(is_default_site=True).first()
    return (site.root_url if site else "") + path


def read_token(token: str) -> tuple[RecordCheck | None, str]:
    """(the request, "") when the link may be used, else (None or the request, the refusal's key in REFUSALS)."""
    try:
        pk = signing.loads(token, salt=SALT, max_age=LINK_MAX_AGE)
    except signing.SignatureExpired:
        return None, "expired"
    except signing.BadSignature:
        return None, "invalid"
    if not isinstance(pk, int):
        return None, "invalid"
    check = RecordCheck.objects.select_related("actor", "actor__commune").filter(pk=pk).first()
    if check is None:
        return None, "invalid"
    if check.outcome:
        return check, "used"
    if check.fingerprint != fingerprint(check.actor) or not check.actor.live:
        return check, "changed"
    return check, ""


def message_body(actor: Actor, url: str) -> str:
    return "\n".join(
        [
            "Bonjour,",
            "",
            f"Le Club ESS Sud-Gironde présente « {actor.name} » dans l'annuaire des acteurs de l'économie sociale "
            "et solidaire du territoire. Pour que cette fiche reste juste, pouvez-vous la vérifier ?",
            "",
            "Ouvrez ce lien : vous y verrez la fiche telle que le public la voit, puis vous choisirez « Tout est "
            "juste » ou « Proposer des corrections » (relues par un ou une bénévole avant publication) :",
            url,
            "",
            f"Ce lien est personnel et sert {LINK_MAX_AGE.days} jours. Si vous ne gérez pas cette structure, "
            "ignorez simplement ce message.",
            "",
            "Merci,",
            "Les bénévoles du Club ESS Sud-Gironde",
        ]
    )


def send_request(actor: Actor, user=None) -> RecordCheck | None:
    """Queues « Vérifiez votre fiche » for a published record; None when it has no address or is not published."""
    address, kind = recipient(actor)
    if not address or not actor.live:
        return None
    check = RecordCheck.objects.create(
        actor=actor,
        sent_by=user,
        recipient=kind,
        fingerprint=fingerprint(actor),
        address_digest=address_digest(address),
    )
    mail.send(
        f"Vérifiez votre fiche : {actor.name}",
        message_body(actor, public_url(link_path(check))),
        [address],
        on_refusal=(REFUSAL_HANDLER, str(check.pk)),
    )
    return check


def mark_undeliverable(reference: str) -> None:
    """The mail server refused the request's address for good (home.outbox): « adresse en échec »."""
    if reference.isdigit():
        RecordCheck.objects.filter(pk=int(reference), delivery_failed_at__isnull=True).update(
            delivery_failed_at=timezone.now()
        )


def last_request():
    """The latest request of the record of the outer query."""
    return RecordCheck.objects.filter(actor=OuterRef("pk")).order_by("-sent_at", "-pk")


def due_for_yearly_request(now=None):
    """Published records with an address, not checked for 12 months and not asked in the last 12 months; each
    with the digest of the address its last request failed at (`failed_address`, None when it did not fail)."""
    now = now or timezone.now()
    recent = RecordCheck.objects.filter(sent_at__gte=now - YEARLY_INTERVAL).values("actor_id")
    with_address = ~Q(private_email="") | ~Q(email="") | (Q(proposal__isnull=False) & ~Q(proposal__contact_email=""))
    # The last request's address digest if that request failed (a later delivered request clears an old failure).
    failed_digest = Case(When(delivery_failed_at__isnull=False, then=F("address_digest")), default=Value(None))
    last_failed = last_request().annotate(failed_digest=failed_digest).values("failed_digest")[:1]
    return (
        Actor.objects.published()
        .needing_review(timezone.localdate(now))
        .filter(with_address)
        .exclude(pk__in=recent)
        .select_related("proposal")
        .annotate(failed_address=Subquery(last_failed))
    )


def refused_at(actor: Actor, address: str) -> bool:
    """The record's last request failed at this address (for the volunteer about to write to it again)."""
    last = actor.record_checks.order_by("-sent_at", "-pk").first()
    return bool(address and last and last.delivery_failed_at and last.address_digest == address_digest(address))


def refused_before(actor: Actor) -> bool:
    """The record's last request failed at the address it would go to now (annotated by due_for_yearly_request)."""
    failed = getattr(actor, "failed_address", None)
    return failed is not None and failed == address_digest(recipient(actor)[0])


def send_yearly_requests(limit: int) -> int:
    """Sends the yearly request to at most `limit` records due (the oldest checked first), never again to an
    address that failed for that record; returns how many."""
    sent = 0
    for actor in due_for_yearly_request().iterator(chunk_size=200):
        if sent >= limit:
            break
        if not refused_before(actor) and send_request(actor):
            sent += 1
    return sent


@transaction.atomic
def confirm(check: RecordCheck) -> RecordCheck:
    """« Tout est juste »: the live record is checked today; the request keeps the answer and its time."""
    today = timezone.localdate()
    Actor.objects.filter(pk=check.actor_id).update(last_reviewed=today)
    check.actor.last_reviewed = today
    check.outcome = RecordCheck.Outcome.CONFIRMED
    check.answered_at = timezone.now()
    check.save(update_fields=["outcome", "answered_at"])
    log(instance=check.actor, action="actors.record_confirmed", user=None)
    return check


@transaction.atomic
def propose_correction(check: RecordCheck, form) -> RecordCheck:
    """The corrections become a draft revision of the actor, sent to moderation; the live record is unchanged."""
    actor = form.save(commit=False)  # the form's instance, a copy of the live record read for this request
    for name in form.many_to_many_fields:
        getattr(actor, name).set(form.cleaned_data[name])  # kept in memory by modelcluster, never written here
    revision = actor.save_revision(log_action=True)
    workflow = actor.get_workflow()
    if workflow is not None and actor.current_workflow_state is None:
        workflow.start(actor, user=None)
    check.outcome = RecordCheck.Outcome.CORRECTED
    check.answered_at = timezone.now()
    check.correction = revision
    check.save(update_fields=["outcome", "answered_at", "correction"])
    return check


def compare_url(check: RecordCheck) -> str:
    return reverse("wagtailsnippets_actors_actor:revisions_compare", args=[check.actor_id, "live", check.correction_id])


def notify_moderators(check: RecordCheck, message: str = "") -> None:
    from django.conf import settings

    actor = check.actor
    lines = [
        f"La structure « {actor.name} » a proposé des corrections de sa fiche, par le lien « Vérifiez votre fiche ».",
        "Elles sont enregistrées en brouillon : le public ne les voit pas encore.",
        "",
        f"Comparer avec la fiche publiée, champ par champ : {settings.WAGTAILADMIN_BASE_URL}{compare_url(check)}",
        "Puis publiez la fiche, ou refusez les corrections dans la relecture.",
    ]
    if message:
        lines += ["", "Son message :", message]
    mail.send(f"Corrections proposées : {actor.name}", "\n".join(lines), mail.moderator_addresses())


def tell_structure(check: RecordCheck, actor: Actor, *, published: bool, comment: str = "") -> None:
    """Tells the structure what became of its corrections: published, or not kept (with the moderator's word)."""
    address, _kind = recipient(actor)
    if published:
        subject = f"Vos corrections sont publiées : {actor.name}"
        lines = [
            "Bonjour,",
            "",
            f"Merci : les corrections que vous avez proposées pour la fiche « {actor.name} » ont été relues et "
            "publiées dans l'annuaire du Club ESS Sud-Gironde.",
        ]
    else:
        subject = f"Vos corrections n'ont pas été publiées : {actor.name}"
        lines = [
            "Bonjour,",
            "",
            f"Les bénévoles du club ont relu les corrections proposées pour la fiche « {actor.name} » et ne les ont "
            "pas publiées telles quelles.",
        ]
        if comment:
            lines += ["", "Leur message :", comment]
        lines += ["", "Pour en parler, répondez à cet e-mail ou écrivez-nous par la page de contact du site."]
    lines += ["", "Les bénévoles du Club ESS Sud-Gironde"]
    mail.send(subject, "\n".join(lines), [address], reply_to=mail.club_address())


def keep_latest_confirmation(actor: Actor) -> None:
    """A draft made before the structure confirmed (its corrections, a volunteer's edit) carries an older
    `last_reviewed`: publishing it keeps the date of the latest confirmation."""
    confirmed_at = actor.record_checks.filter(outcome=RecordCheck.Outcome.CONFIRMED).aggregate(Max("answered_at"))
    latest = confirmed_at["answered_at__max"]
    if latest is None:
        return
    day = timezone.localdate(latest)
    if actor.last_reviewed is None or actor.last_reviewed < day:
        Actor.objects.filter(pk=actor.pk).update(last_reviewed=day)
        actor.last_reviewed = day


def _on_published(sender, instance, revision=None, **kwargs):
    keep_latest_confirmation(instance)
    check = RecordCheck.objects.filter(correction=revision).first() if revision is not None else None
    if check is not None:
        tell_structure(check, instance, published=True)


def _on_task_rejected(sender, instance, user=None, **kwargs):
    check = RecordCheck.objects.filter(correction_id=instance.revision_id).select_related("actor").first()
    if check is not None:
        tell_structure(check, check.actor, published=False, comment=instance.get_comment())


def connect_signals() -> None:
    from wagtail.signals import published, task_rejected

    published.connect(_on_published, sender=Actor, dispatch_uid="actors.record_check_published")
    task_rejected.connect(_on_task_rejected, dispatch_uid="actors.record_check_rejected")
    outbox.register_refusal_handler(REFUSAL_HANDLER, mark_undeliverable)
