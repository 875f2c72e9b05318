"""The filters of the métiers, formations and établissements lists: GET forms that the server
applies, so they work without JavaScript. An unknown value is ignored rather than refused: a
student who edits the address still sees the list. The filters mean what the API's mean: a
métier's `niveau` is what a student can reach (its minimum access level at most), `riasec` the
dominant letter of its code; a formation's `niveau` is the level it leads to."""

from django import forms

from cms.formations.choices import Niveau, Region, TypeEtablissement, TypeFormation
from cms.formations.models import Etablissement, FormationPage
from cms.metiers.choices import Domaine
from cms.metiers.models import MetierPage
from cms.metiers.riasec import DIMENSIONS, LABELS

# What each interest means, in words a 14-year-old reads at a glance.
RIASEC_HINTS = {
    "R": "le concret, les machines, fabriquer",
    "I": "comprendre, chercher, analyser",
    "A": "créer, imaginer, dessiner",
    "S": "aider, expliquer, travailler en équipe",
    "E": "convaincre, mener un projet",
    "C": "organiser, être précis·e",
}
RIASEC_CHOICES = [(letter, f"{LABELS[letter]} : {RIASEC_HINTS[letter]}") for letter in DIMENSIONS]
ANY = ("", "Peu importe")


class ListFilterForm(forms.Form):
    def active(self):
        """The valid filters the student chose; invalid ones are left out."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {name: value for name, value in data.items() if value not in ("", None)}


class MetierFilterForm(ListFilterForm):
    domaine = forms.ChoiceField(
        label="Domaine", required=False, choices=[("", "Tous les domaines"), *Domaine.choices]
    )
    niveau = forms.TypedChoiceField(
        label="Études après le bac",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[ANY, *((v, f"Jusqu'à {label}") for v, label in Niveau.choices)],
    )
    riasec = forms.ChoiceField(
        label="Ce qui te plaît le plus", required=False, choices=[ANY, *RIASEC_CHOICES]
    )

    def apply(self, metiers):
        active = self.active()
        return [
            metier
            for metier in metiers
            if metier.domaine == active.get("domaine", metier.domaine)
            and metier.niveau_acces_min <= active.get("niveau", metier.niveau_acces_min)
            and metier.code_riasec.startswith(active.get("riasec", ""))
        ]


class FormationFilterForm(ListFilterForm):
    niveau = forms.TypedChoiceField(
        label="Niveau obtenu",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[ANY, *Niveau.choices],
    )
    type = forms.ChoiceField(
        label="Type de formation", required=False, choices=[ANY, *TypeFormation.choices]
    )
    alternance = forms.ChoiceField(
        label="Alternance",
        required=False,
        choices=[ANY, ("oui", "Possible en alternance"), ("non", "Sans alternance")],
    )
    region = forms.ChoiceField(
        label="Région", required=False, choices=[("", "Toutes les régions"), *Region.choices]
    )

    def apply(self, formations):
        active = self.active()
        lookups = {
            "niveau_sortie": active.get("niveau"),
            "type_formation": active.get("type"),
            "alternance": {"oui": True, "non": False}.get(active.get("alternance")),
            "etablissements__region": active.get("region"),
        }
        return formations.filter(**{k: v for k, v in lookups.items() if v is not None}).distinct()


class EtablissementFilterForm(ListFilterForm):
    region = forms.ChoiceField(
        label="Région", required=False, choices=[("", "Toutes les régions"), *Region.choices]
    )
    type = forms.ChoiceField(
        label="Type d'établissement", required=False, choices=[ANY, *TypeEtablissement.choices]
    )
    membre = forms.ChoiceField(
        label="Membre de l'association",
        required=False,
        choices=[ANY, ("oui", "Membres de Talents du Numérique")],
    )

    def apply(self, etablissements):
        active = self.active()
        lookups = {
            "region": active.get("region"),
            "type": active.get("type"),
            "membre": True if active.get("membre") else None,
        }
        return etablissements.filter(**{k: v for k, v in lookups.items() if v is not None})


def counted(count, noun, none, form):
    """ "3 métiers correspondent à tes filtres": what the list shows, in words."""
    if not form.active():
        return f"{count} {noun}{'s' if count > 1 else ''}"
    if count == 0:
        return f"{none} ne correspond à tes filtres."
    plural = "s" if count > 1 else ""
    return f"{count} {noun}{plural} correspond{'ent' if count > 1 else ''} à tes filtres."


def metier_listing(index, params):
    """The métiers of the list page that pass the filters, grouped by domaine."""
    form = MetierFilterForm(params)
    metiers = form.apply(MetierPage.objects.child_of(index).live().order_by("title"))
    domaines = [
        (label, [m for m in metiers if m.domaine == value]) for value, label in Domaine.choices
    ]
    return {
        "form": form,
        "count": len(metiers),
        "count_text": counted(len(metiers), "métier", "Aucun métier", form),
        "domaines": domaines,
        "filtered": form.active(),
    }


def formation_listing(index, params):
    form = FormationFilterForm(params)
    formations = form.apply(
        FormationPage.objects.child_of(index).live().order_by("niveau_sortie", "title")
    )
    formations = list(formations)
    return {
        "form": form,
        "count": len(formations),
        "count_text": counted(len(formations), "formation", "Aucune formation", form),
        "formations": formations,
        "filtered": form.active(),
    }


def etablissement_listing(params):
    """The establishments that pass the filters, with their published formations."""
    form = EtablissementFilterForm(params)
    etablissements = list(
        form.apply(Etablissement.objects.order_by("region", "ville", "nom")).prefetch_related(
            "formations"
        )
    )
    return {
        "form": form,
        "count": len(etablissements),
        "count_text": counted(len(etablissements), "établissement", "Aucun établissement", form),
        "etablissements": etablissements,
        "filtered": form.active(),
    }
