"""The two forms of the Semaine du numérique pages: the events list's filters (GET, so that a
filtered list is a plain link that works without JavaScript) and a teacher's class registration.

The filters take the API's parameter names and values (`region`, `niveau`, `type`, `en_ligne`,
`du`, `au`); the registration form mirrors the API's body, flattened (`enseignant_nom` for
`enseignant.nom`), so that the page shows the API's field errors and its own in the same places.
"""

from datetime import date

from django import forms

from cms.formations.choices import Region
from evenements.inscriptions.models import NiveauClasse
from evenements.inscriptions.services import Classe
from evenements.semaine.models import NiveauPublic, TypeEvenement

MAX_ELEVES = 100_000
EN_LIGNE = {"true": True, "false": False}


def _with_all(label, choices):
    return [("", label), *choices]


class DateInput(forms.DateInput):
    """A native date picker; its value is ISO 8601 (AAAA-MM-JJ) whatever the browser's language."""

    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class FiltresForm(forms.Form):
    region = forms.ChoiceField(
        label="Région", required=False, choices=_with_all("Toutes les régions", Region.choices)
    )
    niveau = forms.ChoiceField(
        label="Pour qui ?",
        required=False,
        choices=_with_all("Tous les publics", NiveauPublic.choices),
    )
    type = forms.ChoiceField(
        label="Type d'événement",
        required=False,
        choices=_with_all("Tous les types", TypeEvenement.choices),
    )
    en_ligne = forms.TypedChoiceField(
        label="Où ?",
        required=False,
        choices=[("", "Sur place ou en ligne"), ("false", "Sur place"), ("true", "En ligne")],
        coerce=EN_LIGNE.get,
        empty_value=None,
    )
    du = forms.DateField(label="À partir du", required=False, widget=DateInput())
    au = forms.DateField(label="Jusqu'au", required=False, widget=DateInput())

    def clean(self):
        data = super().clean()
        du, au = data.get("du"), data.get("au")
        if du and au and au < du:
            self.add_error("au", "Le dernier jour vient après le premier.")
        return data

    def criteres(self):
        """The valid criteria, in the keywords of `evenements.semaine.queries.filtrer`."""
        data = self.cleaned_data

        def chosen(name):
            return (data[name],) if data.get(name) else ()

        return {
            "regions": chosen("region"),
            "types": chosen("type"),
            "niveaux": chosen("niveau"),
            "du": data.get("du"),
            "au": data.get("au"),
            "en_ligne": data.get("en_ligne"),
        }

    def api_params(self):
        """The valid filters as the API's query parameters (for the .ics feed of the list)."""
        params = {}
        for name, value in self.cleaned_data.items():
            if isinstance(value, bool):
                params[name] = "true" if value else "false"
            elif isinstance(value, date):
                params[name] = value.isoformat()
            elif value:
                params[name] = value
        return params

    @property
    def actifs(self):
        """True when the list is narrowed by at least one valid filter."""
        return bool(self.api_params())


class InscriptionForm(forms.Form):
    """A class registration: the teacher and the class, never a student."""

    enseignant_nom = forms.CharField(
        label="Votre nom", max_length=120, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    enseignant_email = forms.EmailField(
        label="Votre adresse e-mail professionnelle",
        max_length=254,
        help_text="La confirmation et le lien d'annulation y arrivent.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    etablissement = forms.CharField(
        label="Établissement de la classe",
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    niveau = forms.ChoiceField(label="Niveau de la classe", choices=NiveauClasse.choices)
    nombre_eleves = forms.IntegerField(
        label="Nombre d'élèves",
        min_value=1,
        max_value=MAX_ELEVES,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )

    def __init__(self, *args, evenement, niveaux, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["niveau"].choices = [
            (code, label) for code, label in NiveauClasse.choices if code in niveaux
        ]
        if len(niveaux) == 1:
            self.fields["niveau"].initial = next(iter(niveaux))
        # The event's own limit is the room's rule (its message comes back as a field error).
        eleves = self.fields["nombre_eleves"]
        eleves.widget.attrs["max"] = evenement.capacite
        eleves.help_text = f"Au plus {evenement.capacite} élèves."

    def add_api_errors(self, fields):
        """Place the room's field errors ("enseignant.nom") on this form's fields."""
        for name, messages in fields.items():
            field = name.replace(".", "_")
            self.add_error(field if field in self.fields else None, messages)

    def classe(self):
        data = self.cleaned_data
        return Classe(
            enseignant_nom=data["enseignant_nom"],
            enseignant_email=data["enseignant_email"],
            etablissement=data["etablissement"],
            niveau=data["niveau"],
            nombre_eleves=data["nombre_eleves"],
        )
