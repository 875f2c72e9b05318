"""What editors do in the admin: questions, versions of the test, and the statistics."""

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from cms.orientation import models
from cms.orientation import results as results_service

pytestmark = pytest.mark.django_db


def publish(name="Nouvelle version"):
    version = models.TestVersion(name=name, status="published")
    version.full_clean()
    version.save()
    return version


# --- Versions -----------------------------------------------------------------------------------


def test_publishing_freezes_the_active_questions_and_makes_the_version_current():
    question = models.Question.objects.create(text="Coder un site pour ton club", dimension="I")
    models.Question.objects.filter(text="Réparer un vélo ou un ordinateur").update(active=False)
    version = publish()

    assert models.TestVersion.objects.current() == version
    assert version.published_at is not None
    texts = [q["text"] for q in version.questions]
    assert "Coder un site pour ton club" in texts
    assert "Réparer un vélo ou un ordinateur" not in texts

    question.text = "Autre chose"
    question.save()
    version.refresh_from_db()
    assert "Coder un site pour ton club" in [q["text"] for q in version.questions]


def test_a_draft_freezes_nothing():
    draft = models.TestVersion(name="Brouillon", status="draft")
    draft.full_clean()
    draft.save()
    assert draft.questions == []
    assert models.TestVersion.objects.current() != draft


def test_a_published_version_cannot_become_a_draft_again():
    version = models.TestVersion.objects.current()
    version.status = "draft"
    with pytest.raises(ValidationError) as error:
        version.full_clean()
    assert "brouillon" in error.value.message_dict["status"][0]


def test_publishing_needs_every_dimension_for_every_audience():
    models.Question.objects.filter(dimension="C").update(active=False)
    models.Question.objects.create(text="Classer des cartes", dimension="C", audience="lycee")
    version = models.TestVersion(name="Incomplète", status="published")
    with pytest.raises(ValidationError) as error:
        version.full_clean()
    assert "Collège : C" in error.value.message_dict["status"][0]


def test_retiring_the_current_version_brings_back_the_previous_one():
    previous = models.TestVersion.objects.current()
    newer = publish()
    assert models.TestVersion.objects.current() == newer
    newer.status = "retired"
    newer.save()
    assert models.TestVersion.objects.current() == previous


# --- Admin screens ------------------------------------------------------------------------------


def test_editors_list_filter_and_add_questions(admin_client_fr):
    listing = reverse("wagtailsnippets_orientation_question:list")
    response = admin_client_fr.get(listing, {"dimension": "A"})
    assert response.status_code == 200
    assert "Inventer les règles d&#x27;un jeu" in response.text
    assert "Réparer un vélo" not in response.text

    response = admin_client_fr.post(
        reverse("wagtailsnippets_orientation_question:add"),
        {
            "text": "Imaginer une appli pour ton collège",
            "dimension": "A",
            "audience": "college",
            "ordre": "500",
            "active": "on",
        },
    )
    assert response.status_code == 302
    assert models.Question.objects.filter(text="Imaginer une appli pour ton collège").exists()


def test_editors_publish_a_version_from_the_admin(admin_client_fr):
    assert (
        admin_client_fr.get(reverse("wagtailsnippets_orientation_testversion:list")).status_code
        == 200
    )
    response = admin_client_fr.post(
        reverse("wagtailsnippets_orientation_testversion:add"),
        {"name": "Rentrée", "status": "published", "confirmer_publication": "1"},
    )
    assert response.status_code == 302
    version = models.TestVersion.objects.get(name="Rentrée")
    assert models.TestVersion.objects.current() == version
    assert len(version.questions) == models.Question.objects.filter(active=True).count()


def test_a_version_with_results_is_retired_not_deleted(admin_client_fr):
    results_service.compute_results(
        {q["id"]: 3 for q in results_service.current_test()["questions"]}
    )
    answered = models.TestVersion.objects.current()
    draft = models.TestVersion.objects.create(name="Essai")

    def delete(version):
        url = reverse("wagtailsnippets_orientation_testversion:delete", args=[version.pk])
        return admin_client_fr.post(url)

    response = delete(answered)
    assert response.status_code == 302
    assert models.TestVersion.objects.filter(pk=answered.pk).exists()
    errors = [str(message) for message in get_messages(response.wsgi_request)]
    assert any("retire-la au lieu de la supprimer" in error for error in errors)

    assert delete(draft).status_code == 302
    assert not models.TestVersion.objects.filter(pk=draft.pk).exists()


def test_statistics_show_anonymous_aggregates(admin_client_fr):
    questions = results_service.current_test()["questions"]
    first = results_service.compute_results(
        {q["id"]: 4 if q["dimension"] == "A" else 1 for q in questions}
    )
    # The second student skips the first question.
    results_service.compute_results(
        {q["id"]: 4 if q["dimension"] == "A" else 1 for q in questions[1:]}
    )

    response = admin_client_fr.get(reverse("orientation_statistics"), {"jours": "7"})
    assert response.status_code == 200
    stats = response.context["stats"]
    assert stats["total"] == 2
    assert stats["per_day"][-1]["count"] == 2
    assert stats["codes"][0] == {"code": first["code"], "count": 2, "share": 100}
    assert stats["metiers"][0]["title"] == first["metiers"][0]["title"]
    assert stats["metiers"][0]["first"] == 2
    assert [q["share"] for q in stats["questions"][:2]] == [50, 100]
    assert "Test d&#x27;orientation — statistiques" in response.text
    assert first["metiers"][0]["title"] in response.text


def test_statistics_are_in_the_reports_menu_for_editors_only(admin_client_fr):
    url = reverse("orientation_statistics")
    assert url in admin_client_fr.get(reverse("wagtailadmin_home")).text
    assert Client().get(url).status_code == 302  # to the login page
