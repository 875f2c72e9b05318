"""First-party attribution: which campaign brought a student, counted per day, nothing else.

The campaign travels as a code the student's own browser carries (`?c=` on the site, the
`X-Campagne` header or a `campagne` field on the API): a short link's code or a landing page's
slug. Only daily totals are stored, never on the student's test result, conversation or
parcours, so no row can ever tie a student to a campaign (see `models`). An unknown or
malformed code is ignored: attribution must never make a student's request fail.
"""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .bots import is_bot, is_prefetch
from .models import (
    CODE_MAX_LENGTH,
    CODE_PATTERN,
    Action,
    ActionJour,
    CampagnePage,
    LienCourt,
    VisiteJour,
)

HEADER = "X-Campagne"
PARAMETER = "c"


def normalise(value):
    """The code in canonical form, or None when it cannot be one (wrong type, shape or size)."""
    if not isinstance(value, str) or len(value) > CODE_MAX_LENGTH:
        return None
    code = value.strip().lower()
    return code if CODE_PATTERN.match(code) else None


def campagne_from(value):
    """The live campaign a code names (a short link's code or the landing page's slug), or None."""
    code = normalise(value)
    if code is None:
        return None
    lien = LienCourt.objects.select_related("campagne").filter(code=code).first()
    if lien is not None:
        return lien.campagne if lien.campagne.live else None
    return CampagnePage.objects.live().filter(slug=code).first()


def code_from_request(request):
    """The well-formed `?c=` code of a site request, or None."""
    return normalise(request.GET.get(PARAMETER))


def increment(model, counter, **key):
    """Add one to today's row of `model` (created at 1 the first time), atomically."""
    key["jour"] = timezone.localdate()
    if model.objects.filter(**key).update(**{counter: F(counter) + 1}):
        return
    try:
        with transaction.atomic():
            model.objects.create(**key, **{counter: 1})
    except IntegrityError:  # another request created today's row first
        model.objects.filter(**key).update(**{counter: F(counter) + 1})


def record_action(action, value=None, request=None):
    """Count `action` for the campaign named by `value`, else by the request's X-Campagne header.

    Returns the campaign counted, or None when there was none to count."""
    if value in (None, "") and request is not None:
        value = request.headers.get(HEADER)
    campagne = campagne_from(value)
    if campagne is not None:
        increment(ActionJour, "nombre", campagne=campagne, action=Action(action))
    return campagne


def record_visit(lien, request):
    """Count a visit through a short link, unless a robot, a previewer or a prefetch made it."""
    if request.method != "GET" or is_prefetch(request.headers):
        return False
    if is_bot(request.headers.get("User-Agent", "")):
        return False
    increment(VisiteJour, "visites", lien=lien)
    return True
