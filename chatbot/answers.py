"""Answers grounded in the CMS: templates filled with what the fiches, formations and pages say.

Charly never writes anything of its own about a métier or a formation: every figure and every
sentence about them comes from a field editors wrote, and every answer carries cards for what
it talks about.
"""

import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Prefetch, prefetch_related_objects
from django.utils.html import strip_tags
from wagtail.models import Site

from cms.faq.models import QuestionFrequente
from cms.formations.choices import Niveau
from cms.formations.models import Etablissement, FormationPage
from cms.glossaire.models import Terme
from cms.home.models import SiteSettings
from cms.metiers.models import MetierPage
from cms.metiers.wording import de
from search.service import distance_km, search

from .entities import vocabulary
from .language import normalize, stem

LINKS = {
    "test": ("Le test d'orientation", "/test/"),
    "recherche": ("La recherche", "/recherche/"),
    "carte": ("La carte des établissements", "/carte/"),
}
NEAR_KM = 60
MAX_FORMATIONS = 4
MAX_SEARCH_CARDS = 3
_LIST_ITEM = re.compile(r"<li[^>]*>(.*?)</li>", re.DOTALL)
_PARAGRAPH = re.compile(r"<p[^>]*>(.*?)</p>", re.DOTALL)


@dataclass
class Reply:
    """One message of Charly's, before it is stored and sent."""

    text: str
    quick_replies: list = field(default_factory=list)
    cards: list = field(default_factory=list)
    node: str = ""


# --- Cards --------------------------------------------------------------------------------------


def page_card(page, kind="page"):
    return {"type": kind, "slug": page.slug, "title": page.title, "url": page.url or ""}


def link_card(target, query=""):
    label, path = LINKS[target]
    url = settings.CHARLY_LINKS_BASE_URL.rstrip("/") + path
    if query:
        url = f"{url}?{urlencode({'q': query})}"
    return {"type": target, "slug": target, "title": label, "url": url}


def contact_card():
    site = Site.objects.filter(is_default_site=True).first()
    email = SiteSettings.for_site(site).contact_email if site else ""
    if not email:
        return None
    return {
        "type": "contact",
        "slug": "contact",
        "title": "Écrire à l'équipe Talents du Numérique",
        "url": f"mailto:{email}",
    }


# --- Métiers ------------------------------------------------------------------------------------


def metier(slug):
    """The published fiche with everything an answer may quote, or None."""
    if not slug:
        return None
    return (
        MetierPage.objects.live()
        .filter(slug=slug)
        .prefetch_related(
            "faq",
            "bacs",
            "specialites",
            Prefetch(
                "formations",
                queryset=FormationPage.objects.live().order_by("niveau_sortie", "title"),
            ),
        )
        .first()
    )


def euros(amount):
    return f"{amount:,}".replace(",", "\u202f") + "\u00a0€"


def list_items(html):
    return [" ".join(strip_tags(item).split()) for item in _LIST_ITEM.findall(str(html or ""))]


def first_paragraph(html):
    paragraphs = _PARAGRAPH.findall(str(html or ""))
    text = strip_tags(paragraphs[0] if paragraphs else str(html or ""))
    return " ".join(text.split())


def overview(page):
    missions = list_items(page.missions)[:3]
    text = f"{page.title} : {page.accroche}"
    if missions:
        text += " Au quotidien : " + " ; ".join(m[0].lower() + m[1:] for m in missions) + "."
    return Reply(text, cards=[page_card(page, "metier")])


def salary(page):
    """The salary only with its source; without one, Charly says so rather than guess."""
    salaire = page.salaire_debutant
    if salaire is None:
        return Reply(
            f"Je n'ai pas encore de chiffre de salaire vérifié, avec sa source, pour le métier "
            f"{de(page.title)}. Le salaire dépend de la ville, de l'entreprise et du diplôme : "
            "ton ou ta PsyEN peut t'aider à trouver un chiffre fiable.",
            cards=[page_card(page, "metier")],
        )
    source = salaire["source"]
    return Reply(
        f"Pour le métier {de(page.title)}, on gagne en général entre {euros(salaire['min'])} et "
        f"{euros(salaire['max'])} brut par mois {salaire['libelle']} (source : {source['titre']}, "
        f"{source['editeur']}, {source['annee']} : {source['url']}). Ça varie selon la ville, "
        "l'entreprise et le diplôme.",
        cards=[page_card(page, "metier")],
    )


def levels(page):
    minimum = Niveau(page.niveau_acces_min).label
    usual = Niveau(page.niveau_acces_usuel).label
    if minimum == usual:
        return f"on y accède avec un {usual}."
    return f"on y accède dès un {minimum}, et le plus souvent avec un {usual}."


def bacs(page):
    names = [bac.nom for bac in page.bacs.all()]
    specialites = [s.sigle or s.nom for s in page.specialites.all()]
    if not names and not specialites:
        return None
    text = f"Pour le métier {de(page.title)}"
    if names:
        text += ", les bacs conseillés sont : " + ", ".join(names) + "."
    if specialites:
        text += " Côté spécialités : " if names else ", côté spécialités : "
        text += ", ".join(specialites) + "."
    return Reply(text, cards=[page_card(page, "metier")])


def studies(page, place=None, level=""):
    """The formations that lead to the métier, the nearest first when a place is known."""
    formations = list(page.formations.all())
    text = f"Pour le métier {de(page.title)}, {levels(page)}"
    if level == "college":
        advice = bacs(page)
        if advice:
            text += " " + advice.text
    if place:
        prefetch_related_objects(formations, "etablissements")
    chosen, where = _nearest(formations, place)
    if not chosen:
        return Reply(text, cards=[page_card(page, "metier")])
    text += " " + where + " " + "; ".join(_formation_line(f, place) for f in chosen) + "."
    return Reply(
        text, cards=[page_card(page, "metier"), *[page_card(f, "formation") for f in chosen]]
    )


def formations_near(place):
    formations = list(
        FormationPage.objects.live()
        .filter(etablissements__in=_etablissements_near(place))
        .distinct()
        .order_by("niveau_sortie", "title")
        .prefetch_related("etablissements")
    )
    if not formations:
        return None
    chosen, _ = _nearest(formations, place)
    return Reply(
        f"Près de {_place_label(place)}, tu peux par exemple préparer : "
        + "; ".join(_formation_line(f, place) for f in chosen)
        + ". Dis-moi quel métier t'intéresse, je te dirai lesquelles y mènent.",
        cards=[page_card(f, "formation") for f in chosen],
    )


def _etablissements_near(place):
    kind, value = place
    if kind == "region":
        return Etablissement.objects.filter(region=value)
    lat, lon, _ = vocabulary().cities[value]
    return [
        e
        for e in Etablissement.objects.all()
        if distance_km(lat, lon, float(e.latitude), float(e.longitude)) <= NEAR_KM
    ]


def _distance(formation, place):
    kind, value = place
    etablissements = list(formation.etablissements.all())
    if kind == "region":
        return 0 if any(e.region == value for e in etablissements) else None
    lat, lon, _ = vocabulary().cities[value]
    distances = [
        distance_km(lat, lon, float(e.latitude), float(e.longitude)) for e in etablissements
    ]
    nearest = min(distances, default=None)
    return nearest if nearest is not None and nearest <= NEAR_KM else None


def _nearest(formations, place):
    if not place:
        return formations[:MAX_FORMATIONS], "Des formations qui y mènent :"
    near = [(d, f) for f in formations if (d := _distance(f, place)) is not None]
    if not near:
        return formations[:MAX_FORMATIONS], (
            f"Je n'en vois pas près de {_place_label(place)} dans nos fiches ; ailleurs, il y a :"
        )
    near.sort(key=lambda pair: pair[0])
    return [f for _, f in near[:MAX_FORMATIONS]], f"Près de {_place_label(place)} :"


def _place_label(place):
    kind, value = place
    return vocabulary().labels.get((kind, value), value)


def _formation_line(formation, place):
    name = formation.sigle or formation.title
    line = f"{name} ({Niveau(formation.niveau_sortie).label}, {formation.duree})"
    if place:
        etablissement = _closest_etablissement(formation, place)
        if etablissement:
            line += f" à {etablissement.nom}, {etablissement.ville}"
    return line


def _closest_etablissement(formation, place):
    kind, value = place
    etablissements = list(formation.etablissements.all())
    if kind == "region":
        return next((e for e in etablissements if e.region == value), None)
    lat, lon, _ = vocabulary().cities[value]
    return min(
        etablissements,
        key=lambda e: distance_km(lat, lon, float(e.latitude), float(e.longitude)),
        default=None,
    )


def alternance(page):
    possible = [f for f in page.formations.all() if f.alternance]
    if not possible:
        return Reply(
            f"Dans nos fiches, je ne vois pas de formation en alternance vers le métier "
            f"{de(page.title)}.",
            cards=[page_card(page, "metier")],
        )
    return Reply(
        f"Oui ! Vers le métier {de(page.title)}, ces formations se font en alternance : "
        + "; ".join(f.sigle or f.title for f in possible[:MAX_FORMATIONS])
        + ". Tu es payé·e pendant ta formation et tu gagnes de l'expérience.",
        cards=[page_card(page, "metier"), *[page_card(f, "formation") for f in possible[:3]]],
    )


def women(page):
    femmes = page.part_femmes_chiffre
    if femmes is None:
        return None
    source = femmes["source"]
    return (
        f"Pour le métier {de(page.title)}, le chiffre le plus proche que j'aie : environ "
        f"{femmes['pourcentage']:.0f} % de femmes {femmes['libelle']} (source : {source['titre']}, "
        f"{source['editeur']}, {source['annee']} : {source['url']}). Les entreprises cherchent "
        "à en recruter beaucoup plus !"
    )


def faq_answer(page, normalized):
    """The fiche's FAQ entry closest to the question, when it is clearly the same question."""
    asked = {stem(word) for word in normalized.split() if len(word) > 3}
    best, best_score = None, 0.0
    for entry in page.faq.all():
        words = {stem(word) for word in normalize(entry.question).split() if len(word) > 3}
        if not words:
            continue
        score = len(asked & words) / len(words)
        if score > best_score:
            best, best_score = entry, score
    if best is None or best_score < 0.5:
        return None
    return Reply(f"{best.question} {best.reponse}", cards=[page_card(page, "metier")])


# --- Other content ------------------------------------------------------------------------------


def formation_overview(slug):
    page = FormationPage.objects.live().filter(slug=slug).first()
    if page is None:
        return None
    return Reply(
        f"{page.title} ({page.get_type_formation_display()}, {Niveau(page.niveau_sortie).label}, "
        f"{page.duree}) : {first_paragraph(page.description)}",
        cards=[page_card(page, "formation")],
    )


def formation_alternance(slug):
    page = FormationPage.objects.live().filter(slug=slug).first()
    if page is None:
        return None
    verdict = (
        "se prépare aussi en alternance"
        if page.alternance
        else ("ne se prépare pas en alternance, d'après notre fiche")
    )
    return Reply(f"{page.sigle or page.title} {verdict}.", cards=[page_card(page, "formation")])


def described(model, slug):
    """A bac's or spécialité's own description, when editors wrote one."""
    obj = model.objects.filter(slug=slug).first()
    if obj is None or not obj.description:
        return None
    return Reply(f"{obj.nom} : {obj.description}")


def search_cards(query):
    """Content about an open question, through the search service (not logged as a search)."""
    if not query.strip():
        return []
    results = search(query, log=False, limit=MAX_SEARCH_CARDS)
    return [
        {"type": hit.type, "slug": hit.slug, "title": hit.title, "url": hit.url}
        for hit in results.results
    ]


# --- Questions fréquentes -----------------------------------------------------------------------


def question_frequente(slug):
    """The published question fréquente with this slug, with its links, or None."""
    return (
        QuestionFrequente.objects.filter(live=True, slug=slug)
        .prefetch_related("liens__page")
        .first()
    )


def faq_cards(question):
    return [page_card(link.page.specific) for link in question.liens.all() if link.page.live]


def faq_reply(question):
    """The commission's answer, as written, with the pages it links to."""
    return Reply(question.reponse, cards=faq_cards(question))


def glossary_term(normalized):
    """The glossary term a question names ("c'est quoi un VLAN ?"): its longest matching form."""
    padded = f" {normalized} "
    best_length, best = 0, None
    for terme in Terme.objects.all():
        for form in terme.forms:
            key = normalize(form)
            if key and len(key) > best_length and f" {key} " in padded:
                best_length, best = len(key), terme
    return best


def definition(terme):
    """The glossary's definition, with the fiches where the word is met."""
    kinds = {MetierPage: "metier", FormationPage: "formation"}
    pages = [page.specific for page in terme.liens.live().order_by("title")[:MAX_FORMATIONS]]
    return Reply(
        f"{terme.terme} : {terme.definition}",
        cards=[page_card(page, kinds.get(type(page), "page")) for page in pages],
    )
