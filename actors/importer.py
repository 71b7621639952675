"""Import of the spreadsheets volunteers keep (CSV), with a report before anything is written.

Matching is on SIRET, else on slug (given, or made from the name), so running a file twice changes nothing.
All or nothing: when a row is rejected, no row is written.
The import has the rights of the person who runs it, as editing by hand: without the permission to publish,
each record is saved as a draft and sent to the "Relecture" workflow, and unknown sectors are refused.
Every revision records that person. From the command line (`import_actors`), no person: the site's maintainer.
"""

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from home.text import normalize_for_search

from .choices import InsertionType, LegalForm
from .models import Actor, Commune, Sector

# Normalised column heading -> Actor field. Headings are compared without accents, case or punctuation.
COLUMNS = {
    "name": ["nom", "name", "structure", "nom de la structure", "raison sociale", "organisme"],
    "slug": ["slug", "identifiant"],
    "short_description": ["description", "description courte", "activite", "activites", "presentation"],
    "legal_form": ["statut", "statut juridique", "forme juridique", "famille"],
    "insertion_type": ["insertion", "type insertion", "structure d insertion", "type siae", "siae"],
    "esus_approved": ["esus", "agrement esus"],
    "is_founding_member": ["fondateur", "membre fondateur"],
    "sectors": ["secteur", "secteurs", "secteurs d activite", "secteur d activite", "domaine", "domaines"],
    "commune": ["commune", "ville", "localite"],
    "insee_code": ["code insee", "insee", "code commune"],
    "postal_code": ["code postal", "cp"],
    "street_address": ["adresse", "rue", "adresse postale"],
    "latitude": ["latitude", "lat"],
    "longitude": ["longitude", "lon", "lng"],
    "website": ["site", "site web", "site internet", "url", "web"],
    "email": ["email", "e mail", "courriel", "mail", "adresse e mail"],
    "phone": ["telephone", "tel", "portable"],
    "siret": ["siret", "n siret", "numero siret"],
    "rna": ["rna", "numero rna", "n rna"],
    "opening_hours": ["horaires", "horaires d accueil"],
    "offers": ["peut partager", "offre", "offres", "a partager"],
    "needs": ["recherche", "besoins", "besoin"],
    "source": ["source"],
    "last_reviewed": ["derniere verification", "verifie le", "date de verification"],
}
YES = {"oui", "o", "yes", "y", "vrai", "true", "1", "x"}
LEGAL_FORM_WORDS = {
    "association": LegalForm.ASSOCIATION,
    "asso": LegalForm.ASSOCIATION,
    "scop": LegalForm.SCOP,
    "scic": LegalForm.SCIC,
    "cae": LegalForm.CAE,
    "cooperative": LegalForm.COOPERATIVE,
    "mutuelle": LegalForm.MUTUELLE,
    "fondation": LegalForm.FONDATION,
    "societe commerciale de l ess": LegalForm.SOCIETE_ESS,
    "societe commerciale": LegalForm.SOCIETE_ESS,
    "entreprise de l ess": LegalForm.SOCIETE_ESS,
}
MAX_BYTES = 5 * 1024 * 1024


NUL_REASON = "la ligne contient un caractère invalide (octet nul) : retapez-la ou enregistrez de nouveau le tableur."


class ImportFileError(Exception):
    """The file as a whole cannot be read; the message says why, in French."""


def normalize_heading(text: str) -> str:
    return " ".join("".join(c if c.isalnum() else " " for c in normalize_for_search(text)).split())


@dataclass
class ImportReport:
    mapped: dict[str, str] = field(default_factory=dict)  # column heading -> field label
    unmapped: list[str] = field(default_factory=list)
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    rejected: list[tuple[int, str, list[str]]] = field(default_factory=list)  # line, name, reasons
    new_sectors: list[str] = field(default_factory=list)
    dry_run: bool = True

    @property
    def written(self) -> bool:
        return not self.dry_run and not self.rejected


def decode(data: bytes) -> str:
    if len(data) > MAX_BYTES:
        raise ImportFileError("Le fichier dépasse 5 Mo : découpez-le en plusieurs fichiers.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ImportFileError(
            f"Le fichier n'est pas en UTF-8 (caractère illisible à la ligne {line}). Enregistrez-le de nouveau : "
            "dans LibreOffice, « Enregistrer sous » › CSV, jeu de caractères « Unicode (UTF-8) » ; "
            "dans Excel, le type « CSV UTF-8 »."
        ) from None


def read_file(data: bytes) -> tuple[list[str], list[dict]]:
    """The headings and rows of a file that can be imported, or an ImportFileError saying why not (in French)."""
    headings, rows = read_rows(decode(data))
    if any("\x00" in (heading or "") for heading in headings):
        raise ImportFileError("La ligne d'en-tête contient un caractère invalide (octet nul) : retapez-la.")
    if not any(normalize_heading(heading or "") in COLUMNS["name"] for heading in headings):
        raise ImportFileError("Aucune colonne « nom » : l'import a besoin du nom de chaque structure.")
    return headings, rows


def read_rows(text: str) -> tuple[list[str], list[dict]]:
    # The header line tells the separator: French spreadsheets use ";", others ",".
    header = text.split("\n", 1)[0]
    delimiter = max(";,\t", key=header.count)
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows = list(reader)
    except csv.Error as error:
        raise ImportFileError(f"Le fichier n'est pas un CSV lisible (ligne {reader.line_num}) : {error}.") from None
    if not reader.fieldnames or len(reader.fieldnames) < 2:
        raise ImportFileError(
            "Le fichier n'a pas de ligne d'en-tête avec au moins deux colonnes (séparées par « ; » ou « , »)."
        )
    return list(reader.fieldnames), rows


class ActorImporter:
    def __init__(self, progress=None, user=None):
        self.progress = progress or (lambda done, total: None)
        self.user = user
        self.may_publish = user is None or user.has_perm("actors.publish_actor")
        self.may_add_sectors = user is None or user.has_perm("actors.add_sector")
        self.communes_by_code = {c.insee_code: c for c in Commune.objects.all()}
        self.communes_by_name: dict[str, list[Commune]] = {}
        for commune in self.communes_by_code.values():
            self.communes_by_name.setdefault(normalize_heading(commune.name), []).append(commune)
        self.sectors = {normalize_heading(s.name): s for s in Sector.objects.all()}
        self.sectors.update({normalize_heading(s.slug): s for s in self.sectors.values()})

    def run(self, data: bytes, dry_run: bool = True, publish: bool = False) -> ImportReport:
        headings, rows = read_file(data)
        report = ImportReport(dry_run=dry_run)
        columns = self.map_columns(headings, report)
        publish = publish and self.may_publish
        # Notifications go to the moderators: only for records really written.
        self.submit_for_review = not self.may_publish and not dry_run
        try:
            with transaction.atomic():
                for number, row in enumerate(rows, start=2):
                    values = {target: (row.get(heading) or "").strip() for heading, target in columns.items()}
                    if any(values.values()):
                        self.import_row(number, values, report, publish)
                    if number % 100 == 0:
                        self.progress(number - 1, len(rows))
                self.progress(len(rows), len(rows))
                if dry_run or report.rejected:
                    raise _Rollback
        except _Rollback:
            pass
        return report

    def map_columns(self, headings, report) -> dict[str, str]:
        lookup = {alias: target for target, aliases in COLUMNS.items() for alias in aliases}
        columns = {}
        for heading in headings:
            target = lookup.get(normalize_heading(heading or ""))
            if target and target not in columns.values():
                columns[heading] = target
                report.mapped[heading] = self.field_label(target)
            else:
                report.unmapped.append(heading or "(sans titre)")
        return columns

    @staticmethod
    def field_label(target: str) -> str:
        if target == "insee_code":
            return "commune (code INSEE)"
        return str(Actor._meta.get_field(target).verbose_name)

    def import_row(self, number, values, report, publish) -> None:
        reasons = []
        if any("\x00" in value for value in values.values()):
            report.rejected.append((number, values.get("name", "").replace("\x00", "") or "(sans nom)", [NUL_REASON]))
            return
        name = values.get("name", "")
        siret = "".join(values.get("siret", "").split())
        slug = values.get("slug") or slugify(name)[:200]
        actor = (siret and Actor.objects.filter(siret=siret).first()) or Actor.objects.filter(slug=slug).first()
        is_new = actor is None
        if is_new:
            actor = Actor(slug=slug, source="Import d'un tableur")
        before = self.snapshot(actor) if not is_new else None
        sectors = self.apply(actor, values, reasons, report)
        try:
            actor.full_clean()
        except ValidationError as error:
            reasons += [
                f"{self.field_label(f) if f != '__all__' else 'fiche'} : {m}"
                for f, messages in error.message_dict.items()
                for m in messages
            ]
        if reasons:
            report.rejected.append((number, name or "(sans nom)", reasons))
            return
        if sectors is not None:
            actor.sectors.set(sectors)
        if not is_new and self.snapshot(actor) == before:
            report.unchanged.append(name)
            return
        if is_new:
            actor.live = publish
            actor.save()
        if not report.dry_run:
            self.save_revision(actor, publish)
        elif publish and not is_new:
            # The dry run is rolled back: it writes only what the next rows of the file read (the record, its
            # sectors, the published fields); revisions, logs and reviews check nothing and cost most of the time.
            actor.save()
        (report.created if is_new else report.updated).append(name)

    def save_revision(self, actor, publish) -> None:
        revision = actor.save_revision(user=self.user, log_action=True)
        if publish:
            revision.publish(user=self.user)
        elif self.submit_for_review:
            self.send_to_review(actor)

    def send_to_review(self, actor) -> None:
        workflow = actor.get_workflow()
        if workflow is not None and not actor.workflow_in_progress:
            workflow.start(actor, self.user)

    @staticmethod
    def snapshot(actor) -> dict:
        data = {f.attname: getattr(actor, f.attname) for f in Actor._meta.concrete_fields if f.editable}
        data["sectors"] = sorted(s.pk for s in actor.sectors.all()) if actor.pk or actor.sectors.all() else []
        return {k: str(v) for k, v in data.items()}

    def apply(self, actor, values, reasons, report):
        sectors = None
        for target, value in values.items():
            if target in ("siret", "slug") and not value:
                continue
            if target in ("esus_approved", "is_founding_member"):
                setattr(actor, target, normalize_heading(value) in YES)
            elif target == "legal_form":
                actor.legal_form = self.choice(value, LegalForm, LEGAL_FORM_WORDS, "statut juridique", reasons)
            elif target == "insertion_type":
                actor.insertion_type = self.choice(value, InsertionType, {}, "type d'insertion", reasons)
            elif target in ("commune", "insee_code"):
                if value and not (target == "commune" and values.get("insee_code")):
                    actor.commune = self.commune(value, values.get("postal_code", ""), target, reasons)
            elif target == "sectors":
                sectors = self.sector_list(value, report, reasons)
            elif target in ("latitude", "longitude"):
                setattr(actor, target, value.replace(",", ".") or None)
            elif target == "last_reviewed":
                setattr(actor, target, self.date(value, reasons))
            else:
                setattr(actor, target, value)
        return sectors

    @staticmethod
    def choice(value, choices, words, label, reasons) -> str:
        if not value:
            return ""
        key = normalize_heading(value)
        for choice_value, choice_label in choices.choices:
            if key in (normalize_heading(choice_value), normalize_heading(choice_label)):
                return choice_value
        if key in words:
            return words[key]
        known = ", ".join(choices.values)
        reasons.append(f"{label} : « {value} » est inconnu (valeurs possibles : {known}).")
        return ""

    def commune(self, value, postal_code, target, reasons):
        if target == "insee_code":
            commune = self.communes_by_code.get(value.strip())
            if commune is None:
                reasons.append(f"commune : aucun code INSEE « {value} » en Gironde.")
            return commune
        candidates = self.communes_by_name.get(normalize_heading(value), [])
        if postal_code and len(candidates) > 1:
            candidates = [c for c in candidates if postal_code in c.postal_code_list]
        if len(candidates) == 1:
            return candidates[0]
        if not candidates:
            reasons.append(
                f"commune : « {value} » n'est pas une commune de la Gironde (vérifiez l'orthographe)."
                + self.commune_suggestions(value, postal_code)
            )
        else:
            reasons.append(f"commune : plusieurs communes s'appellent « {value} » ; ajoutez le code postal ou INSEE.")
        return None

    def commune_suggestions(self, value, postal_code) -> str:
        """« Vouliez-vous dire … ? » with the communes whose name starts with the words typed (« Cadillac »)."""
        typed = normalize_heading(value)
        names = sorted(
            commune.name
            for key, communes in self.communes_by_name.items()
            if typed and key.startswith(f"{typed} ")
            for commune in communes
            if not postal_code or postal_code in commune.postal_code_list
        )
        if not names:
            return ""
        return " Vouliez-vous dire " + " ou ".join(f"« {name} »" for name in names[:3]) + " ?"

    def sector_list(self, value, report, reasons) -> list[Sector]:
        sectors = []
        for name in filter(None, (part.strip() for part in value.replace(",", ";").split(";"))):
            key = normalize_heading(name)
            if key not in self.sectors and not self.may_add_sectors:
                reasons.append(
                    f"secteurs : « {name} » n'existe pas ; choisissez un secteur de la liste, ou demandez à un "
                    "modérateur de le créer."
                )
                continue
            if key not in self.sectors:
                sector = Sector(name=name[:100], slug=slugify(name)[:100] or key.replace(" ", "-"))
                sector.save()
                self.sectors[key] = sector
                report.new_sectors.append(sector.name)
            sectors.append(self.sectors[key])
        return sectors

    @staticmethod
    def date(value, reasons):
        import datetime

        if not value:
            return None
        for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
            try:
                return datetime.datetime.strptime(value, pattern).date()
            except ValueError:
                continue
        reasons.append(f"dernière vérification : « {value} » n'est pas une date (écrivez 31/12/2025).")
        return None


class _Rollback(Exception):
    """Undoes a dry run, or a run with rejected rows."""


def format_report(report: ImportReport) -> list[str]:
    """The report as lines of French text (command line)."""
    lines = ["Colonnes reconnues :"]
    lines += [f"  « {heading} » → {label}" for heading, label in report.mapped.items()]
    if report.unmapped:
        lines.append("Colonnes ignorées : " + ", ".join(f"« {h} »" for h in report.unmapped))
    lines.append(
        f"{len(report.created)} à créer, {len(report.updated)} à mettre à jour, "
        f"{len(report.unchanged)} inchangées, {len(report.rejected)} refusées."
    )
    if report.new_sectors:
        lines.append("Nouveaux secteurs : " + ", ".join(report.new_sectors))
    for line, name, reasons in report.rejected:
        lines.append(f"  Ligne {line} ({name}) refusée :")
        lines += [f"    - {reason}" for reason in reasons]
    if report.dry_run:
        lines.append("Essai à blanc : rien n'a été enregistré.")
    elif report.rejected:
        lines.append("Rien n'a été enregistré : corrigez les lignes refusées, puis relancez l'import.")
    else:
        lines.append("Import enregistré.")
    return lines
