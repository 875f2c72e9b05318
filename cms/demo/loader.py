"""Load the demonstration content from the YAML files beside this module.

Every object is found by its slug and updated in place, so running the loader again leaves the
same content and the same counts. Everything is validated by the models' own rules
(`full_clean`) before it is saved: the demo content is held to the same standard as editors.
"""

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import yaml
from django.db import transaction
from django.utils.html import escape
from wagtail.models import Page, Site

from chatbot.demo import load_charly_demo
from cms.campagnes.demo import load_campagnes_demo
from cms.campagnes.models import CampagnePage
from cms.communaute.models import (
    Commission,
    Federation,
    FemmesNumeriquePage,
    MembresPage,
    PublicationIndexPage,
    PublicationPage,
    ResourceIndexPage,
    ResourcePage,
    RoleModel,
    SemaineNumeriquePage,
    TropheesNsiPage,
)
from cms.faq.models import QuestionFrequente, QuestionLien, QuestionSource
from cms.formations.models import (
    Bac,
    Etablissement,
    FormationEtablissement,
    FormationIndexPage,
    FormationPage,
    Specialite,
)
from cms.glossaire.models import Terme
from cms.home.models import HomePage, SiteSettings, StandardPage
from cms.metiers.models import MetierFaq, MetierFormation, MetierIndexPage, MetierPage, Source
from cms.orientation.demo import load_questions
from cms.orientation.models import Question
from evenements.semaine.demo import load_semaine_demo
from evenements.semaine.models import Evenement
from evenements.trophees.demo import load_trophees_demo
from evenements.trophees.models import Equipe

from .editor_values import editor_fields, editor_value
from .media import demo_document, demo_image

DATA_DIR = Path(__file__).parent / "data"
DEMO_NOTICE = "Site de démonstration : les contenus et les chiffres sont indicatifs."


def read(name):
    with open(DATA_DIR / name, encoding="utf-8") as stream:
        return yaml.safe_load(stream)


def read_metiers():
    return [m for path in sorted(DATA_DIR.glob("metiers_*.yaml")) for m in read(path.name)]


def html_paragraphs(text):
    paragraphs = [" ".join(p.split()) for p in text.strip().split("\n\n") if p.strip()]
    return "".join(f"<p>{escape(p)}</p>" for p in paragraphs)


def html_list(items):
    return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>"


def stream_body(blocks):
    """Turn the YAML blocks into the raw JSON of the BaseStreamBlock."""
    converters = {
        "heading": lambda value: {"text": value, "size": "h2"},
        "paragraph": lambda value: value,
        "quote": lambda value: {"text": value["text"], "author": value.get("author", "")},
        "cta": lambda value: {
            "title": value["title"],
            "text": value.get("text", ""),
            "label": value["label"],
            "page": None,
            "url": value["url"],
        },
        "faq": lambda value: [
            {"type": "item", "value": {"question": item["question"], "answer": item["answer"]}}
            for item in value
        ],
    }
    return json.dumps(
        [
            {"type": block["type"], "value": converters[block["type"]](block["value"])}
            for block in blocks
        ]
    )


def ordered_links(link_model, target_name, targets):
    """Orderable links, one per target in the given order, as the admin's chooser saves them."""
    return [
        link_model(sort_order=position, **{target_name: target})
        for position, target in enumerate(targets)
    ]


def upsert_page(parent, model, slug, **fields):
    """Create or update the child page with this slug and publish it.

    Wagtail validates the page (`full_clean`) on save and on `save_revision`. Rich text is
    stored as the editor saves it, so that the first review shows only the real change.
    """
    page = model.objects.child_of(parent).filter(slug=slug).first()
    is_new = page is None
    page = page or model(slug=slug)
    for name, value in editor_fields(model, fields).items():
        setattr(page, name, value)
    if is_new:
        parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def upsert_index(home, model, data):
    return upsert_page(
        home,
        model,
        data["slug"],
        title=data["title"],
        introduction=" ".join(data["intro"].split()),
        show_in_menus=True,
    )


def editorial_fields(data, **extra):
    fields = {
        "title": data["title"],
        "introduction": " ".join(data.get("intro", "").split()),
        "search_description": " ".join(data.get("search_description", "").split()),
        "body": stream_body(data.get("body", [])),
        "show_in_menus": extra.pop("show_in_menus", False),
    }
    fields.update(extra)
    return fields


def upsert(model, slug, **fields):
    instance = model.objects.filter(slug=slug).first() or model(slug=slug)
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.full_clean()
    instance.save()
    return instance


def load_bacs():
    bacs, specialites = {}, {}
    for data in read("bacs.yaml"):
        bac = upsert(
            Bac,
            data["slug"],
            nom=data["nom"],
            type=data["type"],
            description=data.get("description", ""),
        )
        bacs[bac.slug] = bac
        for spec in data.get("specialites", []):
            specialites[spec["slug"]] = upsert(
                Specialite,
                spec["slug"],
                nom=spec["nom"],
                sigle=spec.get("sigle", ""),
                bac=bac,
                description=spec.get("description", ""),
            )
    return bacs, specialites


def load_etablissements():
    fields = (
        "nom",
        "sigle",
        "type",
        "statut",
        "adresse",
        "code_postal",
        "ville",
        "region",
        "site_web",
        "membre",
        "uai",
    )
    return {
        data["slug"]: upsert(
            Etablissement,
            data["slug"],
            latitude=Decimal(f"{data['lat']:.5f}"),
            longitude=Decimal(f"{data['lon']:.5f}"),
            **{name: data.get(name) or ("" if name != "membre" else False) for name in fields},
        )
        for data in read("etablissements.yaml")
    }


def load_formations(index, bacs, specialites, etablissements):
    formations = {}
    for data in read("formations.yaml"):
        page = upsert_page(
            index,
            FormationPage,
            data["slug"],
            title=data["title"],
            sigle=data.get("sigle", ""),
            type_formation=data["type"],
            niveau_sortie=data["niveau_sortie"],
            duree=data["duree"],
            alternance=data["alternance"],
            code_rncp=data.get("code_rncp") or "",
            code_onisep=data.get("code_onisep") or "",
            description=html_paragraphs(data["description"]),
            search_description=" ".join(data["description"].split())[:155].rsplit(" ", 1)[0],
            bacs=[bacs[slug] for slug in data.get("bacs", [])],
            specialites=[specialites[slug] for slug in data.get("specialites", [])],
            etablissement_links=ordered_links(
                FormationEtablissement,
                "etablissement",
                [etablissements[slug] for slug in data.get("etablissements", [])],
            ),
        )
        formations[page.slug] = page
    return formations


def load_sources():
    """The publications the figures cite, found by their address."""
    return {
        key: Source.objects.update_or_create(url=data["url"], defaults=data)[0]
        for key, data in read("sources.yaml").items()
    }


def figure_fields(data, sources):
    """A métier's salary and share of women, each with its source (absent when none backs it)."""
    salaire = data.get("salaire_debutant") or {}
    femmes = data.get("part_femmes") or {}
    return {
        "salaire_debutant_min": salaire.get("min"),
        "salaire_debutant_max": salaire.get("max"),
        "salaire_libelle": salaire.get("libelle", ""),
        "salaire_source": sources[salaire["source"]] if salaire else None,
        "part_femmes": femmes.get("pourcentage"),
        "part_femmes_libelle": femmes.get("libelle", ""),
        "part_femmes_source": sources[femmes["source"]] if femmes else None,
    }


def load_metiers(index, formations, bacs, specialites):
    metiers_data = read_metiers()
    sources = load_sources()
    metiers = {}
    for data in metiers_data:
        image = demo_image(
            f"Démo — {data['title']}",
            data["title"],
            data["slug"],
            focal=(800, 450, 600),
        )
        page = upsert_page(
            index,
            MetierPage,
            data["slug"],
            title=data["title"],
            accroche=" ".join(data["accroche"].split()),
            search_description=" ".join(data["accroche"].split())[:155],
            description=html_paragraphs(data["description"]),
            missions=html_list(data["missions"]),
            competences=html_list(data["competences"]),
            qualites=html_list(data.get("qualites", [])),
            domaine=data["domaine"],
            onet_reference=data.get("onet", ""),
            niveau_acces_min=data["niveau_acces_min"],
            niveau_acces_usuel=data["niveau_acces_usuel"],
            perspectives=" ".join(data.get("perspectives", "").split()),
            **figure_fields(data, sources),
            image=image,
            video_url=data.get("video_url") or "",
            synonymes="\n".join(data.get("synonymes", [])),
            interets="\n".join(data.get("interets", [])),
            formation_links=ordered_links(
                MetierFormation, "formation", [formations[slug] for slug in data["formations"]]
            ),
            bacs=[bacs[slug] for slug in data.get("bacs", [])],
            specialites=[specialites[slug] for slug in data.get("specialites", [])],
            faq=[
                MetierFaq(question=f["question"], reponse=f["reponse"], sort_order=position)
                for position, f in enumerate(data["faq"])
            ],
            **{f"riasec_{letter.lower()}": score for letter, score in data["riasec"].items()},
        )
        metiers[page.slug] = page
    for data in metiers_data:
        page = metiers[data["slug"]]
        page.metiers_proches = editor_value(
            MetierPage._meta.get_field("metiers_proches"),
            [metiers[slug] for slug in data.get("metiers_proches", [])],
        )
        page.save_revision().publish()
    return metiers


def load_communaute(home, pages, metiers, etablissements):
    data = read("communaute.yaml")
    for federation in data["federations"]:
        upsert(
            Federation,
            federation["slug"],
            nom=federation["nom"],
            sigle=federation.get("sigle", ""),
            description=federation["description"],
            nombre_entreprises=federation.get("nombre_entreprises"),
            site_web=federation.get("site_web", ""),
        )
    for commission in data["commissions"]:
        upsert(
            Commission,
            commission["slug"],
            nom=commission["nom"],
            type=commission["type"],
            mission=" ".join(commission["mission"].split()),
        )
    for portrait in data["role_models"]:
        upsert(
            RoleModel,
            portrait["slug"],
            prenom=portrait["prenom"],
            metier=metiers.get(portrait["metier"]),
            parcours=" ".join(portrait["parcours"].split()),
            citation=" ".join(portrait["citation"].split()),
            photo=demo_image(
                f"Démo — portrait de {portrait['prenom']}",
                portrait["prenom"],
                f"portrait-{portrait['slug']}",
                size=(640, 640),
                focal=(320, 320, 400),
            ),
        )

    upsert_page(
        home,
        MembresPage,
        pages["membres"]["slug"],
        **editorial_fields(pages["membres"], show_in_menus=True),
    )
    femmes = pages["femmes_numerique"]
    upsert_page(
        home,
        FemmesNumeriquePage,
        femmes["slug"],
        **editorial_fields(femmes, show_in_menus=True),
        chiffres_cles=json.dumps(
            [{"type": "chiffre", "value": c} for c in data["chiffres_femmes"]]
        ),
    )
    semaine = pages["semaine_numerique"]
    upsert_page(
        home,
        SemaineNumeriquePage,
        semaine["slug"],
        **editorial_fields(semaine, show_in_menus=True),
        dates=semaine.get("dates", ""),
    )
    trophees = pages["trophees_nsi"]
    upsert_page(
        home,
        TropheesNsiPage,
        trophees["slug"],
        **editorial_fields(trophees, show_in_menus=True),
        nombre_projets=trophees.get("nombre_projets"),
        calendrier=json.dumps(
            [{"type": "etape", "value": step} for step in trophees["calendrier"]]
        ),
    )

    publications_index = upsert_page(
        home,
        PublicationIndexPage,
        pages["publications_index"]["slug"],
        **editorial_fields(pages["publications_index"]),
    )
    for publication in data["publications"]:
        upsert_page(
            publications_index,
            PublicationPage,
            publication["slug"],
            title=publication["title"],
            type_publication=publication["type"],
            date_publication=date.fromisoformat(str(publication["date"])),
            resume=" ".join(publication["resume"].split()),
            search_description=" ".join(publication["resume"].split())[:155].rsplit(" ", 1)[0],
            body=html_paragraphs(publication["body"]),
            document=demo_document(publication["title"], publication["slug"]),
        )

    resources_index = upsert_page(
        home,
        ResourceIndexPage,
        pages["resources_index"]["slug"],
        **editorial_fields(pages["resources_index"], show_in_menus=True),
    )
    audience_labels = {"eleves": "élèves", "parents": "parents", "enseignants": "enseignants"}
    for resource in pages["resources"]:
        page = upsert_page(
            resources_index,
            ResourcePage,
            resource["slug"],
            **editorial_fields(resource),
            external_url=resource.get("url") or "",
        )
        # Sorted, as the tag field saves them.
        page.audiences.set(sorted(audience_labels[a] for a in resource.get("audiences", [])))
        page.save_revision().publish()


def configure_site(home, pages):
    home_data = pages["home"]
    home.title = home_data["title"]
    home.introduction = " ".join(home_data["intro"].split())
    home.search_description = " ".join(home_data["search_description"].split())
    home.body = editor_value(HomePage._meta.get_field("body"), stream_body(home_data["body"]))
    home.hero_image = demo_image(
        "Démo — Talents du Numérique", "Talents du Numérique", "accueil", focal=(800, 450, 900)
    )
    home.save_revision().publish()
    site = Site.objects.get(is_default_site=True)
    site.site_name = "Talents du Numérique"
    site.save()
    settings = SiteSettings.for_site(site)
    settings.tagline = DEMO_NOTICE
    settings.contact_email = "contact@example.org"
    settings.save()


def load_faq():
    """The questions fréquentes, published; links to pages that do not exist are skipped."""
    pages = {page.slug: page for page in Page.objects.filter(depth__gt=1)}
    for entry in read("faq.yaml"):
        question = QuestionFrequente.objects.filter(slug=entry["slug"]).first()
        question = question or QuestionFrequente(slug=entry["slug"])
        question.question = entry["question"]
        question.variantes = "\n".join(entry.get("variantes", []))
        question.reponse = " ".join(entry["reponse"].split())
        question.liens = [
            QuestionLien(page=pages[slug]) for slug in entry.get("liens", []) if slug in pages
        ]
        question.sources = [QuestionSource(**source) for source in entry["sources"]]
        question.full_clean()
        question.save()
        question.save_revision().publish()


def load_glossaire():
    """The glossary terms, linked to the fiches that exist."""
    pages = {page.slug: page for page in Page.objects.filter(depth__gt=2)}
    for entry in read("glossaire.yaml"):
        terme = upsert(
            Terme,
            entry["slug"],
            terme=entry["terme"],
            variantes="\n".join(entry.get("variantes", [])),
            definition=entry["definition"],
        )
        terme.liens.set([pages[slug] for slug in entry.get("liens", []) if slug in pages])


@transaction.atomic
def load_demo():
    """Load or refresh all demo content; return the count of each kind of object."""
    pages = read("pages.yaml")
    home = HomePage.objects.get()
    configure_site(home, pages)
    bacs, specialites = load_bacs()
    etablissements = load_etablissements()
    # The métiers come first in the menu, so their index is created first.
    metier_index = upsert_index(home, MetierIndexPage, pages["metiers_index"])
    formation_index = upsert_index(home, FormationIndexPage, pages["formations_index"])
    formations = load_formations(formation_index, bacs, specialites, etablissements)
    metiers = load_metiers(metier_index, formations, bacs, specialites)
    load_communaute(home, pages, metiers, etablissements)
    for standard in pages["standard_pages"]:
        upsert_page(home, StandardPage, standard["slug"], **editorial_fields(standard))
    load_faq()
    load_glossaire()
    load_questions()
    load_charly_demo()
    load_trophees_demo()
    load_campagnes_demo(home)
    load_semaine_demo()
    return demo_counts()


def demo_counts():
    return {
        "métiers": MetierPage.objects.live().count(),
        "formations": FormationPage.objects.live().count(),
        "établissements": Etablissement.objects.count(),
        "bacs": Bac.objects.count(),
        "spécialités": Specialite.objects.count(),
        "fédérations": Federation.objects.count(),
        "commissions": Commission.objects.count(),
        "portraits": RoleModel.objects.count(),
        "publications": PublicationPage.objects.live().count(),
        "ressources": ResourcePage.objects.live().count(),
        "pages": HomePage.objects.get().get_descendants(inclusive=True).live().count(),
        "questions": Question.objects.count(),
        "questions fréquentes": QuestionFrequente.objects.filter(live=True).count(),
        "équipes des Trophées NSI": Equipe.objects.count(),
        "termes du glossaire": Terme.objects.count(),
        "campagnes": CampagnePage.objects.live().count(),
        "événements de la Semaine du numérique": Evenement.objects.count(),
    }
