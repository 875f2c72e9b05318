"""The orientation test, its results, the parcours and the class mode on the student site.

With JavaScript, each page is a shell that its module fills from API v1 (answers stay in the
browser until the student submits them). Without it, `/test/` still works as one plain form that
posts to `/test/resultats/`, which calls the same room (`cms.orientation.results`) as the API.

The parcours and the teacher's class link are opened by a secret token that only ever travels
in the address's fragment (`/parcours/#<token>`, `/test/classe/#<token>`): no server route takes
a token, so it reaches no server log as a page address, and these pages are not indexed.
"""

from django.shortcuts import redirect
from django.urls import path
from django.views.generic import TemplateView

from cms import errors
from cms.metiers.riasec import DIMENSIONS, LABELS
from cms.orientation import classes
from cms.orientation import results as results_service
from cms.orientation.models import ItemKind, Level

ANSWER_PREFIX = "q"
CODE_CLASSE_MAX = 20


def riasec_labels():
    """The six interest dimensions in order, for the profile shown with the results."""
    return [{"letter": letter, "label": LABELS[letter]} for letter in DIMENSIONS]


def profile_rows(scores):
    """A result's profile as rows the template can show: letter, label and score."""
    return [{**row, "score": scores[row["letter"]]} for row in riasec_labels()]


def levels():
    """The levels a student may pick, with the questions' audience each one gets."""
    return [
        {"value": value, "label": label, "audience": results_service.AUDIENCE_BY_LEVEL[value]}
        for value, label in Level.choices
    ]


class PrivatePage(TemplateView):
    """A page whose content is personal (a result, a parcours, a class): never indexed or kept."""

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        response["X-Robots-Tag"] = "noindex"
        response["Cache-Control"] = "no-store"
        return response


class TestPage(TemplateView):
    """The test: the script asks one question at a time; the plain form is for no JavaScript."""

    template_name = "frontend/test.html"

    def get_context_data(self, answered=None, **kwargs):
        context = super().get_context_data(**kwargs)
        answered = answered or {}
        try:
            questions = results_service.current_test()["questions"]
        except results_service.TestUnavailable as error:
            questions, context["unavailable"] = [], error.message
        context.update(
            questions=[{**q, "answer": answered.get(q["id"], "")} for q in questions],
            levels=levels(),
            riasec=riasec_labels(),
        )
        context.setdefault("code_classe", self.request.GET.get("classe", "")[:CODE_CLASSE_MAX])
        return context


class TestResultsPage(PrivatePage):
    """The no-JavaScript submission: the same room computes the results the API would return."""

    template_name = "frontend/test_resultats.html"

    def get(self, request, *args, **kwargs):
        return redirect("frontend-test")

    def post(self, request, *args, **kwargs):
        level = request.POST.get("level") or None
        code = request.POST.get("code_classe", "").strip()[:CODE_CLASSE_MAX] or None
        answers = submitted_answers(request.POST)
        try:
            results = results_service.compute_results(answers, level=level, code_classe=code)
        except errors.DomainError as error:
            return self.refused(error, answers, level, code)
        context = self.get_context_data(results=results, profile=profile_rows(results["profile"]))
        return self.render_to_response(context)

    def refused(self, error, answers, level, code):
        """The form again, with the student's answers and what to fix, and the error's status."""
        page = TestPage(request=self.request)
        context = page.get_context_data(
            answered={key: str(value) for key, value in answers.items()},
            code_classe=code or "",
            selected_level=level or "",
            error=error,
            error_messages=[message for messages in error.fields.values() for message in messages],
        )
        response = page.render_to_response(context)
        response.status_code = error.status
        response["Cache-Control"] = "no-store"
        return response


def submitted_answers(data):
    """{question id: value} from the plain form's `q<id>` radio groups; the room validates them."""
    answers = {}
    for key, value in data.items():
        question_id = key.removeprefix(ANSWER_PREFIX)
        if key.startswith(ANSWER_PREFIX) and question_id.isdigit():
            answers[int(question_id)] = int(value) if value.isdigit() else value
    return answers


class ParcoursPage(PrivatePage):
    """The parcours: its script reads the token from the fragment and asks the API for it."""

    template_name = "frontend/parcours.html"
    extra_context = {
        "kinds": [
            {"value": ItemKind.METIER, "title": "Mes métiers"},
            {"value": ItemKind.FORMATION, "title": "Mes formations"},
            {"value": ItemKind.ETABLISSEMENT, "title": "Mes établissements"},
            {"value": ItemKind.EVENEMENT, "title": "Mes événements"},
            {"value": ItemKind.RESULTAT, "title": "Mes résultats au test"},
        ]
    }


class ClassePage(PrivatePage):
    """The teacher's private link (token in the fragment), or the form to open a class."""

    template_name = "frontend/classe.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(minimum=classes.MIN_RESULTS, riasec=riasec_labels())
        return context


urlpatterns = [
    path("test/", TestPage.as_view(), name="frontend-test"),
    path("test/resultats/", TestResultsPage.as_view(), name="frontend-test-resultats"),
    path("test/classe/", ClassePage.as_view(), name="frontend-test-classe"),
    path("parcours/", ParcoursPage.as_view(), name="frontend-parcours"),
]
