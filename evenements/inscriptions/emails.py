"""The e-mails a teacher receives: the registration (confirmed or on the waiting list) with the
personal cancellation link, and the promotion notice when seats free up. A confirmed class gets
the event as an `.ics` attachment; a waiting one gets it with its promotion."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone

from evenements.semaine.calendar import evenement_ics

from .models import Statut

SUBJECTS = {
    "confirmee": "Inscription confirmée : {titre}",
    "liste_attente": "Liste d'attente : {titre}",
    "promue": "Une place pour votre classe : {titre}",
}


def lien_annulation(token):
    """The page where the teacher confirms a cancellation; the token is in the fragment, so no
    server or proxy logs it, and opening the link (or its preview) cancels nothing."""
    base = settings.STUDENT_SITE_URL or settings.WAGTAILADMIN_BASE_URL
    return f"{base.rstrip('/')}/evenements/annulation/#{token}"


def _quand(evenement):
    debut, fin = timezone.localtime(evenement.debut), timezone.localtime(evenement.fin)
    if debut.date() == fin.date():
        return f"le {debut:%d/%m/%Y} de {debut:%H:%M} à {fin:%H:%M}"
    return f"du {debut:%d/%m/%Y} à {debut:%H:%M} au {fin:%d/%m/%Y} à {fin:%H:%M}"


def _send(template, inscription, with_ics, **context):
    evenement = inscription.evenement
    context.update(inscription=inscription, evenement=evenement, quand=_quand(evenement))
    message = EmailMessage(
        subject=SUBJECTS[template].format(titre=evenement.titre),
        body=render_to_string(f"inscriptions/emails/{template}.txt", context),
        to=[inscription.enseignant_email],
    )
    if with_ics:
        message.attach(f"{evenement.slug}.ics", evenement_ics(evenement), "text/calendar")
    message.send()


def send_confirmation(inscription, token, rang, mode_classe):
    """The answer to a registration: confirmed (with the .ics) or on the waiting list (`rang`
    is its place on the list), with the class mode's code and private link (`mode_classe`)."""
    confirmed = inscription.statut == Statut.CONFIRMEE
    _send(
        "confirmee" if confirmed else "liste_attente",
        inscription,
        with_ics=confirmed,
        lien_annulation=lien_annulation(token),
        rang=rang,
        mode_classe=mode_classe,
    )


def send_promotion(inscription):
    """A waiting class got seats: tell its teacher, with the .ics."""
    _send("promue", inscription, with_ics=True)
