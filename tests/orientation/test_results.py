"""The test and its results through the service, on the demo content."""

import pytest

from cms.formations.models import FormationPage
from cms.metiers.riasec import DIMENSIONS
from cms.orientation import models, scoring
from cms.orientation import results as results_service

pytestmark = pytest.mark.django_db


def answers_for(favourite, test=None):
    """J'adore for the favourite dimension; the other answers vary from "Pas du tout" to
    "J'aime bien", as a real student's would."""
    test = test or results_service.current_test()
    return {
        question["id"]: 4 if question["dimension"] == favourite else position % 4
        for position, question in enumerate(test["questions"])
    }


def stored():
    return models.TestResult.objects.count()


# --- The test -----------------------------------------------------------------------------------


def test_current_test_serves_the_demo_questions_with_the_scale():
    test = results_service.current_test()
    assert test["version"] == models.TestVersion.objects.current().pk
    questions = test["questions"]
    assert len(questions) >= 36
    for letter in DIMENSIONS:
        assert sum(q["dimension"] == letter for q in questions) >= 6
    assert all(q["choices"] == scoring.scale_choices() for q in questions)
    assert {"Réparer un vélo ou un ordinateur", "Inventer les règles d'un jeu"} <= {
        q["text"] for q in questions
    }
    # The dimensions alternate, so a student never gets six questions of one kind in a row.
    assert [q["dimension"] for q in questions[:6]] == list(DIMENSIONS)


def test_audience_filters_the_questions():
    college = models.Question.objects.create(
        text="Choisir ses options pour la 3e", dimension="C", ordre=1, audience="college"
    )
    lycee = models.Question.objects.create(
        text="Choisir ses spécialités de première", dimension="C", ordre=2, audience="lycee"
    )
    version = models.TestVersion(name="Avec publics", status="published")
    version.full_clean()
    version.save()

    def ids(audience):
        return {q["id"] for q in results_service.current_test(audience)["questions"]}

    assert college.pk in ids("college")
    assert lycee.pk not in ids("college")
    assert lycee.pk in ids("lycee")
    assert college.pk not in ids("lycee")
    assert {college.pk, lycee.pk} <= ids(None)
    assert len(ids("college")) == len(ids(None)) - 1


def test_unknown_audience_is_refused():
    with pytest.raises(results_service.InvalidRequest) as error:
        results_service.current_test("maternelle")
    assert "audience" in error.value.fields


def test_no_published_version_means_no_test():
    models.TestVersion.objects.update(status="retired")
    with pytest.raises(results_service.TestUnavailable):
        results_service.current_test()
    before = stored()
    with pytest.raises(results_service.TestUnavailable):
        results_service.compute_results({})
    assert stored() == before


# --- Matching on the demo content ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("favourite", "expected"),
    [
        ("I", {"data-scientist", "chercheur-informatique", "ingenieur-ia"}),
        ("A", {"ux-ui-designer", "game-designer"}),
        ("R", {"technicien-support", "roboticien", "administrateur-systemes-reseaux"}),
    ],
)
def test_dominant_dimension_ranks_its_metiers_in_the_top_five(favourite, expected):
    result = results_service.compute_results(answers_for(favourite))
    assert result["code"][0] == favourite
    top_five = [metier["slug"] for metier in result["metiers"][:5]]
    assert expected & set(top_five), top_five


def test_results_payload():
    result = results_service.compute_results(answers_for("I"), level="lycee")
    assert set(result) == {
        "id", "version", "profile", "code", "metiers", "formations", "bacs", "specialites",
    }  # fmt: skip
    assert set(result["profile"]) == set(DIMENSIONS)
    assert result["profile"]["I"] == 100
    assert result["code"] == scoring.code(result["profile"])
    metiers = result["metiers"]
    assert 5 <= len(metiers) <= 10
    assert [m["score"] for m in metiers] == sorted((m["score"] for m in metiers), reverse=True)
    for metier in metiers:
        assert set(metier) == {"slug", "title", "url", "score", "raisons"}
        assert metier["url"].startswith("/")
        assert metier["raisons"]
    assert any(
        "Tu aimes comprendre comment les choses marchent" in raison
        for raison in metiers[0]["raisons"]
    )


def test_same_answers_give_the_same_results():
    answers = answers_for("E")
    first = results_service.compute_results(answers)
    again = results_service.compute_results(dict(reversed(list(answers.items()))))
    assert first["metiers"] == again["metiers"]
    assert first["profile"] == again["profile"]


def test_flat_answers_still_rank_metiers():
    test = results_service.current_test()
    for value in (0, 2, 4):
        result = results_service.compute_results({q["id"]: value for q in test["questions"]})
        assert len(result["metiers"]) >= 5
        assert all(metier["raisons"] for metier in result["metiers"])


# --- Next steps by level ------------------------------------------------------------------------


def formation_levels(result):
    slugs = [formation["slug"] for formation in result["formations"]]
    return set(FormationPage.objects.filter(slug__in=slugs).values_list("niveau_sortie", flat=True))


def test_college_gets_bacs_and_specialites_with_nsi_for_a_curious_mind():
    result = results_service.compute_results(answers_for("I"), level="college")
    assert result["formations"] == []
    assert result["bacs"]
    assert result["specialites"]
    assert "nsi" in [specialite["slug"] for specialite in result["specialites"]]
    assert set(result["bacs"][0]) == {"slug", "title", "url"}


def test_lycee_gets_formations_right_after_the_bac():
    result = results_service.compute_results(answers_for("R"), level="lycee")
    assert result["bacs"] == []
    assert result["specialites"] == []
    assert result["formations"]
    assert formation_levels(result) <= {1, 2, 3}


def test_etudiant_gets_bac_plus_3_to_bac_plus_5_formations():
    result = results_service.compute_results(answers_for("I"), level="etudiant")
    assert result["formations"]
    assert formation_levels(result) <= {3, 4, 5}
    assert {"slug", "title", "url", "niveau"} == set(result["formations"][0])


def test_without_level_every_next_step_is_offered():
    result = results_service.compute_results(answers_for("A"))
    assert result["formations"]
    assert result["bacs"]
    assert result["specialites"]


# --- What is stored -----------------------------------------------------------------------------


def test_a_result_is_stored_anonymously_with_the_day_only():
    before = stored()
    result = results_service.compute_results(answers_for("S"), level="college")
    assert stored() == before + 1
    row = models.TestResult.objects.get(public_id=result["id"])
    assert row.code == result["code"]
    assert row.profile == result["profile"]
    assert row.metiers == [metier["slug"] for metier in result["metiers"]]
    assert row.level == "college"
    assert {field.name for field in models.TestResult._meta.get_fields()} == {
        "id", "public_id", "version", "answers", "profile", "code", "metiers", "level",
        "created_on",
    }  # fmt: skip
    assert not hasattr(row.created_on, "hour")


def test_results_stay_reproducible_when_editors_change_questions():
    version = models.TestVersion.objects.current()
    result = results_service.compute_results(answers_for("C"))
    question = models.Question.objects.get(pk=results_service.current_test()["questions"][0]["id"])
    question.text = "Une toute nouvelle formulation"
    question.dimension = "A"
    question.save()

    assert (
        results_service.current_test()["questions"][0]["text"] != "Une toute nouvelle formulation"
    )
    row = models.TestResult.objects.get(public_id=result["id"])
    dimensions = {q["id"]: q["dimension"] for q in row.version.questions}
    answers = {int(question_id): value for question_id, value in row.answers.items()}
    assert row.version == version
    assert scoring.profile(answers, dimensions) == row.profile


# --- Rejected requests: a clear error per field, and nothing stored -----------------------------


def rejected(answers, **kwargs):
    before = stored()
    with pytest.raises(results_service.InvalidRequest) as error:
        results_service.compute_results(answers, **kwargs)
    assert stored() == before
    assert error.value.code == "invalid"
    assert error.value.message
    return error.value.fields


def test_too_few_answers_says_how_many_are_missing():
    questions = results_service.current_test()["questions"]
    total = len(questions)
    needed = -(-2 * total // 3)
    answers = {q["id"]: 3 for q in questions[: needed - 5]}
    fields = rejected(answers)
    assert fields == {
        "answers": [f"Il manque 5 réponses : réponds à au moins {needed} questions sur {total}."]
    }
    fields = rejected({q["id"]: 3 for q in questions[: needed - 1]})
    assert fields["answers"][0].startswith("Il manque 1 réponse :")
    assert rejected({})["answers"][0].startswith(f"Il manque {needed} réponses")


def test_exactly_two_thirds_is_enough():
    questions = results_service.current_test()["questions"]
    needed = -(-2 * len(questions) // 3)
    assert results_service.compute_results({q["id"]: 3 for q in questions[:needed]})["metiers"]


def test_unknown_question_is_refused():
    answers = {**answers_for("I"), 999_999: 4}
    assert rejected(answers) == {
        "answers.999999": ["Cette question ne fait pas partie de cette version du test."]
    }


def test_malformed_question_id_is_refused():
    assert rejected({**answers_for("I"), "abc": 4}) == {
        "answers.abc": ["Identifiant de question invalide."]
    }


def test_duplicate_question_ids_are_refused():
    answers = answers_for("I")
    question_id = next(iter(answers))
    fields = rejected({**answers, str(question_id): 2})
    assert fields == {f"answers.{question_id}": ["Cette question a reçu plusieurs réponses."]}
    pairs = [*answers.items(), (question_id, 1)]
    assert f"answers.{question_id}" in rejected(pairs)


@pytest.mark.parametrize("value", [5, -1, "4", 2.5, True, None, [4]])
def test_values_outside_the_scale_are_refused(value):
    answers = answers_for("I")
    question_id = next(iter(answers))
    assert rejected({**answers, question_id: value}) == {
        f"answers.{question_id}": ["Choisis une réponse de 0 (Pas du tout) à 4 (J'adore)."]
    }


def test_answers_must_be_an_object():
    assert "answers" in rejected("4,4,4")


def test_unknown_level_is_refused():
    assert rejected(answers_for("I"), level="cm2") == {
        "level": ["Choisis « college », « lycee » ou « etudiant »."]
    }


def test_retired_version_is_refused():
    old = models.TestVersion.objects.current()
    answers = answers_for("I")
    new = models.TestVersion(name="Nouvelle version", status="published")
    new.full_clean()
    new.save()
    # Until it is retired, the previous version still accepts the answers of students who
    # started it before the new one was published.
    assert results_service.compute_results(answers, version=old.pk)["metiers"]
    old.status = "retired"
    old.save()
    fields = rejected(answers, version=old.pk)
    assert list(fields) == ["version"]
    assert "n'est plus utilisée" in fields["version"][0]


@pytest.mark.parametrize("version", [987_654, "abc", True])
def test_unknown_version_is_refused(version):
    assert rejected(answers_for("I"), version=version) == {
        "version": ["Cette version du test n'existe pas."]
    }


def test_draft_version_is_refused():
    draft = models.TestVersion.objects.create(name="En préparation")
    assert rejected(answers_for("I"), version=draft.pk) == {
        "version": ["Cette version du test n'est pas encore publiée."]
    }


def test_every_problem_is_reported_at_once():
    answers = answers_for("I")
    question_id = next(iter(answers))
    fields = rejected({**answers, question_id: 9, 123_456: 4}, level="cm2")
    assert set(fields) == {"level", f"answers.{question_id}", "answers.123456"}


def test_old_results_are_purged_after_the_retention_period(capsys):
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    old = results_service.compute_results(answers_for("S"))
    recent = results_service.compute_results(answers_for("C"))
    models.TestResult.objects.filter(public_id=old["id"]).update(
        created_on=timezone.localdate() - timedelta(days=800)
    )
    call_command("purge_expired")
    assert "résultats du test : 1 supprimé(s)" in capsys.readouterr().out
    assert list(models.TestResult.objects.values_list("public_id", flat=True)) == [
        models.TestResult.objects.get(public_id=recent["id"]).public_id
    ]
