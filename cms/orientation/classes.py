"""The test's class mode: a teacher opens a class, students add their result with its short
code, and the teacher's private link shows the class's aggregate, never one student's result.

Public functions for the other rooms and the API:

- `open_classe(email, libelle, inscription_id=None) -> (classe, code, token)`: a new class.
  `token` is the secret of the teacher's private link; only its hash is stored, so it must go
  into the e-mail right away (`private_link(token)` builds the address, `instructions(...)` the
  paragraph to put in an e-mail). The registrations of the Semaine du numérique call it with the
  registration's id; any teacher can call `invite` through the API.
- `classe_for_code(code)`: the open class behind a code students typed, or a 400.
- `add_result(classe, profile, metiers)`: one student's contribution (profile and métiers only).
- `aggregate(token)`: what the private link shows; `delete_classe(token)` erases the class.

What a teacher sees is protected as a small-count statistic: nothing before `MIN_RESULTS`
results, then an aggregate that only moves by whole groups of `MIN_RESULTS` results (the first
5, the first 10...), so that comparing two views never isolates one student; means are rounded
and a métier recommended to a single student is not listed. This does not hold against a teacher
who takes the test several times with their own code to single out a student: the class stores
only profiles and recommended métiers, never answers, which bounds what that would reveal.
"""

import hashlib
import secrets
from collections import Counter
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone

from cms import errors
from cms.metiers.models import MetierPage
from cms.metiers.riasec import DIMENSIONS, holland_code

from .models import Classe, ClasseResultat

# Readable on a board and typed on a phone: no 0/O, 1/I/L. 31**6, about 890 million codes.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
CODE_ATTEMPTS = 5
TOKEN_BYTES = 32  # 256 random bits: the private link cannot be guessed
MAX_TOKEN_LENGTH = 128
# Long enough for a registration in the autumn, the week in December and the weeks after it.
VALIDITY = timedelta(days=120)
MIN_RESULTS = 5
METIER_MIN_COUNT = 2
METIERS_LIMIT = 10
LIBELLE_MAX = 120


class ClasseNotFound(errors.NotFound):
    """Unknown private link (HTTP 404), whether it never existed or was deleted."""

    default_message = "Ce lien de classe n'existe pas ou a expiré."


class EmailNotSent(errors.Unavailable):
    """The e-mail with the private link could not be sent: no class is kept (HTTP 503)."""

    default_message = "L'e-mail n'a pas pu être envoyé : réessayez dans quelques minutes."


def _hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def normalize_code(code):
    """The code as stored: capitals, without the spaces or dashes a student may type."""
    return code.strip().replace(" ", "").replace("-", "").upper()


def _new_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def _validated(email, libelle):
    fields = {}
    email = email.strip() if isinstance(email, str) else email
    libelle = " ".join(libelle.split()) if isinstance(libelle, str) else libelle
    try:
        if not isinstance(email, str):
            raise ValidationError("")
        validate_email(email)
    except ValidationError:
        fields["email"] = ["Indiquez une adresse e-mail valide, par exemple prenom.nom@ac-lyon.fr."]
    if not isinstance(libelle, str) or not libelle or len(libelle) > LIBELLE_MAX:
        fields["libelle"] = [
            f"Donnez un nom à la classe (au plus {LIBELLE_MAX} caractères), "
            "par exemple « 2nde B — atelier du 8 décembre »."
        ]
    if fields:
        raise errors.InvalidRequest("La classe n'a pas pu être créée.", fields)
    return email, libelle


def open_classe(email, libelle, inscription_id=None):
    """Open a class for a teacher; returns (classe, code, token).

    The token is the secret of the private link and is returned here only (its hash is kept):
    send it to `email` at once, with `private_link(token)`. Invalid e-mail or label: 400.
    """
    email, libelle = _validated(email, libelle)
    token = secrets.token_urlsafe(TOKEN_BYTES)
    expires_on = timezone.localdate() + VALIDITY
    attempts_left = CODE_ATTEMPTS
    while True:
        try:
            with transaction.atomic():
                classe = Classe.objects.create(
                    code=_new_code(),
                    token_hash=_hash(token),
                    email=email,
                    libelle=libelle,
                    inscription_id=inscription_id,
                    expires_on=expires_on,
                )
            return classe, classe.code, token
        except IntegrityError:  # the code was taken: draw another one
            attempts_left -= 1
            if not attempts_left:
                raise


def private_link(token):
    """The teacher's private address; the token is in the fragment, so no server logs it."""
    base = settings.STUDENT_SITE_URL or settings.WAGTAILADMIN_BASE_URL
    return f"{base.rstrip('/')}/test/classe/#{token}"


def instructions(classe, token):
    """The paragraph that tells a teacher how the class mode works, for any e-mail."""
    return (
        f"Votre classe « {classe.libelle} » est prête pour le test d'orientation.\n\n"
        f"Code à donner aux élèves : {classe.code}\n"
        "En passant le test, chaque élève saisit ce code : son résultat s'ajoute, sans son nom "
        "ni ses réponses, à celui de la classe.\n\n"
        f"Votre lien privé pour voir le profil de la classe :\n{private_link(token)}\n"
        "Gardez-le pour vous : il ouvre les résultats de la classe. Le profil s'affiche dès que "
        f"{MIN_RESULTS} élèves ont passé le test, puis se met à jour par groupes de "
        f"{MIN_RESULTS} ; le résultat d'un·e élève seul·e n'est jamais montré.\n\n"
        f"La classe et ses résultats seront effacés le {classe.expires_on:%d/%m/%Y}, ou plus tôt "
        "si vous le demandez depuis votre lien privé."
    )


def invite(email, libelle):
    """Open a class and send its code and private link to the teacher; returns the class.

    The token leaves only by e-mail, so whoever asks for a class in someone else's name cannot
    read its results. If the e-mail cannot be sent, the class is not kept.
    """
    with transaction.atomic():
        classe, _, token = open_classe(email, libelle)
        body = (
            f"Bonjour,\n\n{instructions(classe, token)}\n\n"
            "Si vous n'avez pas demandé ce code, ignorez simplement ce message.\n\n"
            "Belle séance avec vos élèves !\nL'équipe des Talents du Numérique\n"
        )
        try:
            send_mail(
                f"Mode classe du test d'orientation : votre code {classe.code}",
                body,
                None,
                [classe.email],
            )
        except OSError as error:  # smtplib's errors included
            raise EmailNotSent() from error
    return classe


def classe_for_code(code):
    """The class open for results behind a code a student typed; a 400 naming `code_classe`."""
    found = None
    if isinstance(code, str) and len(code) <= 3 * CODE_LENGTH:
        found = Classe.objects.filter(code=normalize_code(code)).first()
    if found is None:
        message = "Ce code de classe n'existe pas : vérifie-le auprès de ton ou ta prof."
    elif found.expires_on < timezone.localdate():
        message = "Ce code de classe a expiré : demande un nouveau code à ton ou ta prof."
    else:
        return found
    raise errors.InvalidRequest(message, {"code_classe": [message]})


def add_result(classe, profile, metiers):
    """Add one student's profile and recommended métier slugs to the class, and nothing else."""
    return ClasseResultat.objects.create(classe=classe, profile=profile, metiers=list(metiers))


def _by_token(token):
    """The class of this private token, found by its hash (no comparison of secrets in Python)."""
    if isinstance(token, str) and token and len(token) <= MAX_TOKEN_LENGTH:
        classe = Classe.objects.filter(token_hash=_hash(token)).first()
        if classe is not None:
            return classe
    raise ClasseNotFound()


def aggregate(token):
    """What the teacher's private link shows: the class's RIASEC profile and frequent métiers.

    Only whole groups of `MIN_RESULTS` results, in the order they came, are aggregated: below
    `MIN_RESULTS` nothing is, and two successive views differ by at least that many results.
    """
    classe = _by_token(token)
    contributions = list(classe.resultats.order_by("pk").values_list("profile", "metiers"))
    counted = len(contributions) - len(contributions) % MIN_RESULTS
    payload = {
        "code": classe.code,
        "libelle": classe.libelle,
        "expire_le": classe.expires_on,
        "seuil": MIN_RESULTS,
        "resultats": len(contributions),
        "resultats_agreges": counted,
        "disponible": counted >= MIN_RESULTS,
        "profil": None,
        "code_riasec": None,
        "metiers": [],
    }
    if not counted:
        return payload
    kept = contributions[:counted]
    profile = {
        letter: _round_half_up(sum(scores[letter] for scores, _ in kept) / counted)
        for letter in DIMENSIONS
    }
    counts = Counter(slug for _, slugs in kept for slug in set(slugs))
    frequent = sorted(
        (slug for slug, count in counts.items() if count >= METIER_MIN_COUNT),
        key=lambda slug: (-counts[slug], slug),
    )
    pages = {page.slug: page for page in MetierPage.objects.live().filter(slug__in=frequent)}
    payload.update(
        profil=profile,
        code_riasec=holland_code(profile),
        metiers=[
            {
                "slug": slug,
                "title": pages[slug].title,
                "url": pages[slug].url,
                "nombre": counts[slug],
            }
            for slug in frequent
            if slug in pages
        ][:METIERS_LIMIT],
    )
    return payload


def delete_classe(token):
    """Erase the class, its results and the teacher's e-mail now, without waiting for expiry."""
    _by_token(token).delete()


def _round_half_up(value):
    return int(value + 0.5)
