"""What the search knows of each piece of content: one flat document per object.

Both backends index exactly these documents, so that they answer the same questions. A document
is keyed by `"<type>:<pk>"`, which survives slug changes.
"""

import html

from django.utils.html import strip_tags
from wagtail.models import Page

from cms.faq.models import QuestionFrequente
from cms.formations.models import Etablissement, FormationPage
from cms.glossaire.models import Terme
from cms.metiers.models import MetierPage
from evenements.semaine.models import Evenement

DOC_TYPES = ("metier", "formation", "etablissement", "page", "faq", "evenement", "terme")

# Fields searched, with their weight: title > synonyms > accroche > missions/compétences > body.
FIELD_BOOSTS = {
    "title": 6.0,
    "synonyms": 4.0,
    "accroche": 3.0,
    "interets": 2.5,
    "missions": 2.0,
    "competences": 2.0,
    "villes": 2.0,
    "body": 1.0,
}
# Students mostly look for métiers: a métier fiche outranks an equally relevant formation.
# A week's event is a way in, not an answer: it never outranks a fiche on the same words.
# A glossary term answers "VLAN" first, but not "RSSI" over the métier's own fiche.
TYPE_WEIGHTS = {"metier": 1.25, "evenement": 0.6, "terme": 0.5}
FACETS = ("type", "domaine", "niveau", "type_formation", "alternance", "region", "statut")


def text(markup):
    """Plain text of rich text: tags removed and entities decoded (d&#x27;élèves → d'élèves)."""
    return " ".join(html.unescape(strip_tags(str(markup or ""))).split())


def doc_id(doc_type, pk):
    return f"{doc_type}:{pk}"


def _base(doc_type, obj, title, url):
    return {
        "id": doc_id(doc_type, obj.pk),
        "type": doc_type,
        "slug": obj.slug,
        "title": title,
        "url": url or "",
        "synonyms": [],
        "interets": [],
        "accroche": "",
        "missions": "",
        "competences": "",
        "villes": [],
        "body": "",
        "domaine": None,
        "niveau": None,
        "type_formation": None,
        "alternance": None,
        "region": [],
        "statut": [],
        "location": [],
        "type_etablissement": None,
        "membre": None,
        "formations": [],
        "type_rank": DOC_TYPES.index(doc_type),
    }


def metier_document(page):
    doc = _base("metier", page, page.title, page.url)
    doc.update(
        synonyms=page.synonym_list,
        interets=page.interest_list,
        accroche=page.accroche,
        missions=text(page.missions),
        competences=text(page.competences),
        body=" ".join(
            [text(page.description), text(page.qualites), page.perspectives]
            + [f"{faq.question} {faq.reponse}" for faq in page.faq.all()]
        ),
        domaine=page.domaine,
        niveau=page.niveau_acces_usuel,
    )
    return doc


def formation_document(page):
    etablissements = list(page.etablissements.all())
    doc = _base("formation", page, page.title, page.url)
    doc.update(
        synonyms=[page.sigle] if page.sigle else [],
        accroche=page.get_type_formation_display(),
        body=text(page.description),
        villes=sorted({e.ville for e in etablissements}),
        niveau=page.niveau_sortie,
        type_formation=page.type_formation,
        alternance=page.alternance,
        region=sorted({e.region for e in etablissements}),
        statut=sorted({e.statut for e in etablissements}),
        location=[{"lat": float(e.latitude), "lon": float(e.longitude)} for e in etablissements],
    )
    return doc


def etablissement_document(etablissement):
    formations = [f for f in etablissement.formations.all() if f.live]
    doc = _base("etablissement", etablissement, etablissement.nom, "")
    doc.update(
        synonyms=[etablissement.sigle] if etablissement.sigle else [],
        accroche=etablissement.get_type_display(),
        villes=[etablissement.ville],
        body=" ".join(f.title for f in formations),
        region=[etablissement.region],
        statut=[etablissement.statut],
        type_etablissement=etablissement.type,
        membre=etablissement.membre,
        formations=sorted(f.slug for f in formations),
        location=[{"lat": float(etablissement.latitude), "lon": float(etablissement.longitude)}],
    )
    return doc


def page_document(page):
    page = page.specific
    doc = _base("page", page, page.title, page.url)
    summary = getattr(page, "introduction", "") or getattr(page, "resume", "") or ""
    body = getattr(page, "body", "")
    doc.update(
        accroche=text(summary),
        body=text(body.render_as_block() if hasattr(body, "render_as_block") else body),
    )
    return doc


def faq_document(question):
    """A question fréquente: the question is its title, variants and answer its body (variants
    are whole sentences: as synonyms, their everyday words would outweigh real names)."""
    doc = _base("faq", question, question.question, "")
    doc.update(body=" ".join([*question.variant_list(), question.reponse]))
    return doc


def evenement_document(evenement):
    """A Semaine du numérique event: found by its title, town and organiser, placed on the map
    by its coordinates (none for an online event)."""
    doc = _base("evenement", evenement, evenement.titre, "")
    when = f"{evenement.debut:%d/%m/%Y}" if evenement.debut else ""
    doc.update(
        accroche=" – ".join(
            part for part in (evenement.get_type_display(), evenement.commune, when) if part
        ),
        villes=[evenement.commune] if evenement.commune else [],
        body=f"{evenement.description} {evenement.organisateur_nom}",
        region=[evenement.region] if evenement.region else [],
        location=(
            [{"lat": float(evenement.latitude), "lon": float(evenement.longitude)}]
            if evenement.a_un_lieu
            else []
        ),
    )
    return doc


def terme_document(terme):
    """A glossary term: found by the term and its variants, its definition as the excerpt."""
    doc = _base("terme", terme, terme.terme, "")
    doc.update(synonyms=terme.variant_list, accroche=terme.definition)
    return doc


def metier_queryset():
    return MetierPage.objects.live().prefetch_related("faq")


def formation_queryset():
    return FormationPage.objects.live().prefetch_related("etablissements")


def etablissement_queryset():
    return Etablissement.objects.prefetch_related("formations")


def page_queryset():
    """Editorial pages: every live page that is not a métier or formation fiche."""
    excluded = [MetierPage, FormationPage]
    return Page.objects.live().filter(depth__gt=1).not_type(*excluded).specific()


def faq_queryset():
    return QuestionFrequente.objects.filter(live=True)


def evenement_queryset():
    return Evenement.objects.visibles().select_related("etablissement", "federation")


def terme_queryset():
    return Terme.objects.all()


SOURCES = {
    "metier": (metier_queryset, metier_document),
    "formation": (formation_queryset, formation_document),
    "etablissement": (etablissement_queryset, etablissement_document),
    "page": (page_queryset, page_document),
    "faq": (faq_queryset, faq_document),
    "evenement": (evenement_queryset, evenement_document),
    "terme": (terme_queryset, terme_document),
}


def iter_documents(doc_type):
    queryset, build = SOURCES[doc_type]
    for obj in queryset().iterator(chunk_size=500):
        yield build(obj)


def document_for(doc_type, pk):
    """The document for one object, or None when it is gone or no longer published."""
    queryset, build = SOURCES[doc_type]
    obj = queryset().filter(pk=pk).first()
    return build(obj) if obj is not None else None


def doc_type_of(instance):
    """The document type an object is indexed as, or None if it is not searchable."""
    if isinstance(instance, Etablissement):
        return "etablissement"
    if isinstance(instance, QuestionFrequente):
        return "faq"
    if isinstance(instance, Evenement):
        return "evenement"
    if isinstance(instance, Terme):
        return "terme"
    if isinstance(instance, Page):
        specific_class = instance.specific_class
        if specific_class is not None and issubclass(specific_class, MetierPage):
            return "metier"
        if specific_class is not None and issubclass(specific_class, FormationPage):
            return "formation"
        return "page" if instance.depth > 1 else None
    return None
