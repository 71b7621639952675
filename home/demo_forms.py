"""Demo content of the public forms: /contact/ and the privacy page /confidentialite/.

Like every demo loader, it creates what is missing and leaves what exists (and what editors changed) alone.
"""

from django.conf import settings
from django.db import transaction
from wagtail.models import Site
from wagtail.rich_text import RichText

from .form_pages import FormField, FormPage
from .models import ContentPage, SiteSettings

# label, field type, required, help text, choices
CONTACT_FIELDS = [
    ("Votre nom", "singleline", True, "", []),
    ("Votre adresse e-mail", "email", True, "Pour vous répondre ; elle n'est jamais publiée.", []),
    ("Objet", "singleline", False, "En quelques mots : « question sur l'annuaire », « proposer un partenariat »…", []),
    ("Votre message", "multiline", True, "", []),
]


def ensure_form_page(home, slug, title, intro, fields, **page_fields) -> FormPage:
    page = FormPage.objects.filter(slug=slug).first()
    if page is not None:
        return page
    page = FormPage(title=title, slug=slug, intro=intro, **page_fields)
    for order, (label, field_type, required, help_text, choices) in enumerate(fields):
        page.form_fields.add(
            FormField(
                sort_order=order,
                label=label,
                field_type=field_type,
                required=required,
                help_text=help_text,
                choices="\n".join(choices),
            )
        )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def record_check_section():
    """« Vérifiez votre fiche » (actors/record_checks.py): what it does with whose data, how long, who sees it."""
    return [
        ("heading", {"text": "La vérification des fiches d'acteurs (« Vérifiez votre fiche »)", "level": "h2"}),
        (
            "paragraph",
            RichText(
                "<p><b>Pourquoi.</b> Pour que l'annuaire reste juste, le club écrit une fois par an (ou quand un ou "
                "une bénévole le demande) à chaque structure présentée, pour qu'elle confirme sa fiche ou la "
                "corrige.</p>"
                "<p><b>À quelle adresse.</b> À l'e-mail privé que la structure a donné au club s'il y en a un, "
                "sinon à l'e-mail public de sa fiche, sinon à la personne qui a proposé la fiche. L'e-mail privé "
                "n'est jamais publié : ni sur la fiche, ni dans la carte, les exports ou la recherche.</p>"
                "<p><b>Le lien.</b> Il est personnel, sert 30 jours et une seule fois. La page qu'il ouvre montre "
                "seulement la fiche publique, jamais une adresse privée ; l'adresse de la page ne contient plus le "
                "lien, et les journaux du serveur ne le gardent pas. Quelqu'un qui recevrait le lien par erreur ne "
                "peut que proposer des corrections : elles sont relues par un ou une bénévole avant d'être "
                "publiées.</p>"
                "<p><b>Ce que le site garde.</b> Pour chaque demande : sa date, qui l'a envoyée, la réponse (fiche "
                "confirmée ou corrections proposées, avec leur date) et, si le serveur de messagerie a refusé "
                "l'adresse, la date de cet échec. L'adresse elle-même n'est pas gardée avec la demande : seulement "
                "une empreinte chiffrée, qui sert à ne pas réécrire à une adresse en échec. Ces traces restent tant "
                "que la fiche existe et sont effacées avec elle.</p>"
                "<p><b>Qui les voit.</b> Les bénévoles qui tiennent l'annuaire voient les demandes et leurs "
                "réponses ; seuls les modérateurs et les administrateurs du site voient l'e-mail privé.</p>"
            ),
        ),
    ]


def privacy_body(retention_days: int):
    months = round(retention_days / 30.4)
    duration = f"{months} mois" if months > 1 else f"{retention_days} jours"
    return [
        ("heading", {"text": "Ce que le site garde, et pourquoi", "level": "h2"}),
        (
            "paragraph",
            RichText(
                "<p>Le site ne garde que ce que vous écrivez dans ses formulaires, pour y donner suite :</p><ul>"
                "<li><b>contact</b> : votre nom, votre adresse e-mail et votre message, pour vous répondre ;</li>"
                "<li><b>demande d'adhésion</b> : la structure, son SIRET, la personne à contacter et sa "
                "motivation, pour étudier la demande ;</li>"
                "<li><b>référencement d'une structure</b> : la fiche proposée, que les bénévoles vérifient "
                "avant de la publier avec votre accord, et vos coordonnées, qui ne sont jamais publiées ;</li>"
                "<li><b>tableau de mutualisation</b> : les annonces, publiées jusqu'à leur date d'expiration, "
                "et les réponses, transmises par e-mail à l'auteur de l'annonce sans montrer son adresse ;</li>"
                "<li><b>abonnement aux nouvelles par e-mail</b> : votre adresse et ce que vous suivez "
                "(actualités, agenda du Mois de l'ESS, nouveaux acteurs d'un territoire), avec votre accord et sa "
                "date, pour vous écrire quand il y a du nouveau. Rien ne part avant que vous ayez confirmé par le "
                "lien reçu ; une demande non confirmée est effacée au bout de 7 jours. Chaque e-mail permet de "
                "changer vos choix ou de vous désabonner d'un clic. Seuls les administrateurs du site voient les "
                "adresses ; les autres bénévoles ne voient que le nombre d'abonnés par sujet.</li>"
                "</ul>"
            ),
        ),
        *record_check_section(),
        ("heading", {"text": "Combien de temps", "level": "h2"}),
        (
            "paragraph",
            RichText(
                f"<p>Les messages reçus par les formulaires sont effacés automatiquement au bout de {duration}. "
                "Après un désabonnement, plus rien n'est envoyé et ce que vous suiviez est effacé aussitôt ; "
                f"l'adresse est gardée {duration} comme preuve de votre accord puis de votre désabonnement, puis "
                "effacée automatiquement. "
                "Une fiche d'acteur publiée reste en ligne tant que la structure le souhaite : il suffit de "
                "nous écrire pour la corriger ou la retirer.</p>"
            ),
        ),
        ("heading", {"text": "Qui y a accès", "level": "h2"}),
        (
            "paragraph",
            RichText(
                "<p>Seuls les bénévoles du club chargés de l'administration du site lisent les messages. Rien "
                "n'est vendu ni transmis à d'autres. Le site n'utilise ni mesure d'audience, ni publicité, ni "
                "service extérieur (pas de captcha tiers, pas de police ou de script d'un autre site) ; il dépose "
                "seulement les cookies techniques nécessaires à l'envoi des formulaires.</p>"
            ),
        ),
        ("heading", {"text": "Vos droits, et à qui les demander", "level": "h2"}),
        (
            "paragraph",
            RichText(
                "<p>Vous pouvez demander à voir, corriger ou effacer ce qui vous concerne, ou vous opposer à son "
                'usage : écrivez-nous par la <a href="/contact/">page de contact</a> ou à l\'adresse indiquée en '
                "pied de page. Si la réponse ne vous satisfait pas, vous pouvez saisir la CNIL (cnil.fr).</p>"
            ),
        ),
    ]


def ensure_privacy_page(home) -> ContentPage:
    page = ContentPage.objects.filter(slug="confidentialite").first()
    if page is None:
        page = ContentPage(
            title="Confidentialité et données personnelles",
            slug="confidentialite",
            intro="Ce que le site garde de ce que vous lui confiez, pourquoi, combien de temps, et à qui le demander.",
            body=privacy_body(settings.FORM_RETENTION_DAYS),
        )
        home.add_child(instance=page)
        page.save_revision().publish()
    return page


@transaction.atomic
def load(log) -> None:
    site = Site.objects.get(is_default_site=True)
    home = site.root_page
    privacy = ensure_privacy_page(home)
    site_settings = SiteSettings.for_site(site)
    if site_settings.privacy_page_id is None:
        site_settings.privacy_page = privacy
        site_settings.save()
    ensure_form_page(
        home,
        "contact",
        "Nous contacter",
        "<p>Une question sur le club, l'annuaire ou le Mois de l'ESS ? Écrivez-nous : un ou une bénévole vous "
        "répond par e-mail.</p>",
        CONTACT_FIELDS,
        submit_label="Envoyer mon message",
        subject="Message reçu par la page de contact",
        thank_you_text="<p>Merci ! Votre message est bien arrivé au club. Un ou une bénévole vous répondra "
        "par e-mail dès que possible.</p>",
    )
    log("Formulaire de contact et page de confidentialité prêts.")
