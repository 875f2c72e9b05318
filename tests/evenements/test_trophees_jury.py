"""Trophées NSI, the juries' and organisers' side through the HTTP API: each regional juror sees
and scores only their région, declared conflicts are enforced, notes follow the grid, rankings,
finalists, the national jury, publication, what the public sees, the CSV exports, and constant
query counts over the 263 demo teams."""

import csv
import io

import pytest

from evenements.trophees.models import Edition, Equipe, Jure, Lycee, Note
from tests.api.conftest import assert_error
from tests.evenements import test_trophees as base

API, PROJET, paris, send, team_body = base.API, base.PROJET, base.paris, base.send, base.team_body
# The teachers' fixtures, shared.
as_user, clock, edition, make_user, register = (
    base.as_user, base.clock, base.edition, base.make_user, base.register
)  # fmt: skip

pytestmark = pytest.mark.django_db
AFTER_DEADLINE = paris(2030, 4, 20, 10, 0)


@pytest.fixture
def teams(register, make_user, as_user, clock):
    """Three submitted projects: two in Bretagne (two lycées), one in Occitanie; then the
    deadline passes."""
    made = {}
    for key, nom, region, lycee in [
        ("rennes", "Les Octets", "bretagne", "Lycée Test"),
        ("brest", "Les Pixels", "bretagne", "Lycée du Ponant"),
        ("toulouse", "Les Graphes", "occitanie", "Lycée Test"),
    ]:
        user = make_user(f"prof-{key}")
        body = team_body(nom=nom, region=region)
        equipe = register(user, nom=nom, lycee={**body["lycee"], "nom": lycee})
        response = send(as_user(user), "PUT", f"equipes/{equipe['id']}/projet/", PROJET)
        assert response.status_code == 200
        made[key] = equipe
    clock.set(AFTER_DEADLINE)
    return made


@pytest.fixture
def juror(make_user, edition):
    def make(username, region=""):
        user = make_user(username)
        Jure.objects.create(user=user, edition=edition, region=region)
        return user

    return make


def grid(edition, technique, presentation):
    technique_id, presentation_id = edition.criteres.values_list("pk", flat=True)
    return {
        "notes": [
            {"critere": technique_id, "valeur": technique},
            {"critere": presentation_id, "valeur": presentation},
        ]
    }


def score(client, equipe, body):
    return send(client, "PUT", f"equipes/{equipe['id']}/notes/", body)


def stored_notes():
    notes = Note.objects.filter(equipe__edition__annee=2030)
    return sorted(notes.values_list("jure_id", "equipe_id", "critere_id", "valeur"))


# Regional juries


def test_a_regional_juror_sees_only_their_region(teams, juror, as_user, edition):
    client = as_user(juror("jure-bzh", "bretagne"))
    payload = client.get(API + "2030/jury/").json()
    assert payload["region"] == "bretagne"
    assert payload["national"] is False
    assert sorted(p["equipe"]["nom"] for p in payload["projets"]) == ["Les Octets", "Les Pixels"]
    assert [c["nom"] for c in payload["criteres"]] == ["Technique", "Présentation"]
    seen = payload["projets"][0]
    assert seen["equipe"]["projet"]["titre"] == PROJET["titre"]
    assert "eleves" not in seen["equipe"]
    assert "enseignant" not in str(payload)


def test_a_regional_juror_scores_only_their_region(teams, juror, as_user, edition):
    client = as_user(juror("jure-bzh", "bretagne"))
    assert score(client, teams["rennes"], grid(edition, 15, 8)).status_code == 200
    before = stored_notes()
    response = score(client, teams["toulouse"], grid(edition, 20, 10))
    assert "pas dans votre région" in assert_error(response, 403)["message"]
    assert stored_notes() == before


def test_someone_who_is_no_juror_cannot_see_or_score(teams, as_user, make_user, edition):
    client = as_user(make_user("curieux"))
    assert_error(client.get(API + "2030/jury/"), 403)
    assert_error(score(client, teams["rennes"], grid(edition, 20, 10)), 403)
    assert stored_notes() == []


def test_a_declared_conflict_of_interest_forbids_scoring_that_lycee(teams, juror, as_user, edition):
    client = as_user(juror("jure-bzh", "bretagne"))
    lycee = Lycee.objects.get(nom="Lycée du Ponant")
    declared = send(client, "PUT", "2030/jury/conflits/", {"lycees": [lycee.pk]})
    assert declared.status_code == 200
    assert declared.json()["conflits"] == [lycee.pk]
    flagged = {p["equipe"]["nom"]: p["conflit"] for p in declared.json()["projets"]}
    assert flagged == {"Les Octets": False, "Les Pixels": True}
    response = score(client, teams["brest"], grid(edition, 20, 10))
    assert assert_error(response, 403)["code"] == "conflit_interets"
    assert stored_notes() == []
    assert score(client, teams["rennes"], grid(edition, 12, 5)).status_code == 200


def test_conflicts_name_known_lycees(teams, juror, as_user):
    client = as_user(juror("jure-bzh", "bretagne"))
    assert_error(send(client, "PUT", "2030/jury/conflits/", {"lycees": [999999]}), 400, "lycees")
    assert_error(send(client, "PUT", "2030/jury/conflits/", {"lycees": "tous"}), 400, "lycees")
    assert not Jure.objects.get(user__username="jure-bzh").conflits.exists()


@pytest.mark.parametrize(
    ("technique", "presentation", "field"),
    [
        (21, 5, "notes.0.valeur"),  # above the criterion's maximum
        (10, 11, "notes.1.valeur"),
        (-1, 5, "notes.0.valeur"),
        ("beaucoup", 5, "notes.0.valeur"),
        (10.555, 5, "notes.0.valeur"),
    ],
)
def test_notes_stay_within_each_criterions_range(
    teams, juror, as_user, edition, technique, presentation, field
):
    client = as_user(juror("jure-bzh", "bretagne"))
    response = score(client, teams["rennes"], grid(edition, technique, presentation))
    assert_error(response, 400, field)
    assert stored_notes() == []


def test_every_criterion_is_scored_once(teams, juror, as_user, edition):
    client = as_user(juror("jure-bzh", "bretagne"))
    full = grid(edition, 10, 5)["notes"]
    for notes in (
        [full[0]],
        [full[0], full[0], full[1]],
        [*full, {"critere": 999999, "valeur": 1}],
    ):
        assert_error(score(client, teams["rennes"], {"notes": notes}), 400, "notes")
    assert_error(score(client, teams["rennes"], {"notes": full, "bonus": 3}), 400, "bonus")
    assert_error(score(client, {"id": 999999}, {"notes": full}), 404)
    assert stored_notes() == []


def test_scoring_opens_at_the_deadline_and_closes_with_the_results(
    teams, juror, as_user, edition, clock
):
    client = as_user(juror("jure-bzh", "bretagne"))
    clock.set(paris(2030, 3, 31, 23, 0))
    assert assert_error(score(client, teams["rennes"], grid(edition, 10, 5)), 409)["code"] == (
        "notation_fermee"
    )
    clock.set(AFTER_DEADLINE)
    Edition.objects.filter(pk=edition.pk).update(resultats_publies=True)
    assert_error(score(client, teams["rennes"], grid(edition, 10, 5)), 409)
    assert stored_notes() == []


# Rankings


@pytest.fixture
def scored(teams, juror, as_user, edition):
    """Two Breton jurors and one Occitan juror have scored every project of their région."""
    jurors = [juror("jure-bzh-1", "bretagne"), juror("jure-bzh-2", "bretagne")]
    for user, (rennes, brest) in zip(
        jurors, [((20, 0), (10, 10)), ((10, 10), (10, 10))], strict=True
    ):
        client = as_user(user)
        assert score(client, teams["rennes"], grid(edition, *rennes)).status_code == 200
        assert score(client, teams["brest"], grid(edition, *brest)).status_code == 200
    occitan = as_user(juror("jure-occ", "occitanie"))
    assert score(occitan, teams["toulouse"], grid(edition, 2, 2)).status_code == 200
    return teams


def test_rankings_are_per_region_with_weighted_totals(scored, make_user, as_user):
    organiser = as_user(make_user("orga", "organiser"))
    lines = organiser.get(API + "2030/classement/").json()
    by_team = {line["equipe"]["nom"]: line for line in lines}
    # Rennes: (20/20×3 + 0/10×1)/4 = 75 and (10/20×3 + 10/10×1)/4 = 62.5 → mean 68.75.
    # Brest: (0.5×3 + 1×1)/4 = 62.5 for both jurors.
    assert by_team["Les Octets"]["score"] == 68.75
    assert by_team["Les Pixels"]["score"] == 62.5
    assert by_team["Les Octets"]["jures"] == 2
    assert (by_team["Les Octets"]["rang"], by_team["Les Pixels"]["rang"]) == (1, 2)
    # Occitanie has its own ranking: its only team is first there, whatever its score.
    assert by_team["Les Graphes"]["rang"] == 1
    assert by_team["Les Graphes"]["score"] == 12.5  # (2/20×3 + 2/10×1)/4
    breton = organiser.get(API + "2030/classement/", {"region": "bretagne"}).json()
    assert [line["equipe"]["nom"] for line in breton] == ["Les Octets", "Les Pixels"]


def test_a_juror_reads_only_their_own_jurys_ranking(scored, as_user, make_user):
    client = as_user(Jure.objects.get(user__username="jure-bzh-1").user)
    mine = client.get(API + "2030/classement/").json()
    assert {line["equipe"]["lycee"]["region"] for line in mine} == {"bretagne"}
    assert_error(client.get(API + "2030/classement/", {"region": "occitanie"}), 403)
    assert_error(client.get(API + "2030/classement/", {"jury": "national"}), 403)
    assert_error(as_user(make_user("prof")).get(API + "2030/classement/"), 403)
    assert_error(client.get(API + "2030/classement/", {"region": "atlantide"}), 400, "region")


# Finalists, national jury, publication, public


@pytest.fixture
def organiser(make_user, as_user):
    return as_user(make_user("orga", "organiser"))


def test_organisers_choose_finalists_and_the_national_jury_scores_only_them(
    scored, organiser, juror, as_user, edition, make_user
):
    assert_error(send(as_user(make_user("prof")), "PUT", "2030/finalistes/", {"equipes": []}), 403)
    chosen = [scored["rennes"]["id"], scored["toulouse"]["id"]]
    response = send(organiser, "PUT", "2030/finalistes/", {"equipes": chosen})
    assert sorted(e["id"] for e in response.json()) == sorted(chosen)
    national = as_user(juror("jury-national"))
    seen = national.get(API + "2030/jury/").json()
    assert seen["national"] is True
    assert sorted(p["equipe"]["nom"] for p in seen["projets"]) == ["Les Graphes", "Les Octets"]
    assert score(national, scored["toulouse"], grid(edition, 18, 9)).status_code == 200
    assert_error(score(national, scored["brest"], grid(edition, 20, 10)), 403)
    ranking = organiser.get(API + "2030/classement/", {"jury": "national"}).json()
    assert [(line["equipe"]["nom"], line["rang"]) for line in ranking] == [
        ("Les Graphes", 1),
        ("Les Octets", None),
    ]
    assert_error(send(organiser, "PUT", "2030/finalistes/", {"equipes": [999999]}), 400, "equipes")
    assert Equipe.objects.filter(edition__annee=2030, finaliste=True).count() == 2


def test_the_public_sees_only_published_results_and_the_gallery(scored, organiser, client):
    public = client.get(API).json()
    mine = next(e for e in public if e["annee"] == 2030)
    assert mine["palmares"] == []
    assert mine["resultats_publies"] is False
    assert mine["date_limite_depot"] == "2030-03-31T23:59:00+02:00"
    assert_error(client.get(API + "2030/galerie/"), 404)
    # Submissions are not public before (or after) the results.
    assert PROJET["resume"] not in client.get(API).content.decode()

    prix = [
        {"equipe": scored["brest"]["id"], "prix": "Premier prix"},
        {"equipe": scored["rennes"]["id"], "prix": "Prix du jury"},
    ]
    published = send(organiser, "POST", "2030/resultats/", {"prix": prix})
    assert published.status_code == 200
    mine = next(e for e in client.get(API).json() if e["annee"] == 2030)
    assert [(p["prix"], p["equipe"]) for p in mine["palmares"]] == [
        ("Premier prix", "Les Pixels"),
        ("Prix du jury", "Les Octets"),
    ]
    gallery = client.get(API + "2030/galerie/").json()
    assert [laureat["projet"]["video_url"] for laureat in gallery["laureats"]] == [
        PROJET["video_url"]
    ] * 2
    text = client.get(API + "2030/galerie/").content.decode()
    assert "Inès" not in text
    assert "prof-" not in text
    # The Occitan team has no prize: it is in no public answer.
    assert "Les Graphes" not in text


def test_publishing_needs_known_teams_of_the_edition(scored, organiser, edition):
    for prix in ([{"equipe": 999999, "prix": "Premier prix"}], []):
        assert_error(send(organiser, "POST", "2030/resultats/", {"prix": prix}), 400, "prix")
    edition.refresh_from_db()
    assert edition.resultats_publies is False
    assert not Equipe.objects.exclude(prix="").filter(edition=edition).exists()


# CSV exports


def test_organisers_export_submissions_and_notes_as_csv(scored, organiser, as_user, make_user):
    response = organiser.get(API + "2030/export/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "trophees-nsi-2030-projets.csv" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    by_team = {row["equipe"]: row for row in rows}
    assert by_team["Les Octets"]["score_regional"] == "68.75"
    assert by_team["Les Octets"]["jures_regionaux"] == "2"
    assert by_team["Les Octets"]["titre"] == PROJET["titre"]
    notes = organiser.get(API + "2030/export/", {"contenu": "notes"})
    note_rows = list(csv.DictReader(io.StringIO(notes.content.decode())))
    assert len(note_rows) == len(stored_notes()) == 10
    assert {row["jure"] for row in note_rows} == {"jure-bzh-1", "jure-bzh-2", "jure-occ"}
    assert_error(as_user(make_user("prof")).get(API + "2030/export/"), 403)
    assert_error(organiser.get(API + "2030/export/", {"contenu": "tout"}), 400, "contenu")


def test_a_cell_that_a_spreadsheet_would_run_is_neutralised(scored, organiser):
    Equipe.objects.filter(pk=scored["rennes"]["id"]).update(nom='=HYPERLINK("x")')
    rows = list(csv.reader(io.StringIO(organiser.get(API + "2030/export/").content.decode())))
    assert '\'=HYPERLINK("x")' in [row[4] for row in rows]


# The demo edition: 263 teams, and query counts that do not grow with them


@pytest.fixture
def demo():
    return Edition.objects.get(demo=True)


def test_the_demo_edition_is_complete_and_marked(demo, client):
    assert demo.equipes.count() == 263
    assert "démonstration" in demo.titre
    regions = set(demo.equipes.values_list("lycee__region", flat=True))
    assert len(regions) == 18
    assert not demo.equipes.exclude(lycee__nom__startswith="Lycée fictif ").exists()
    assert demo.resultats_publies
    assert demo.finales.count() == 18
    assert {f.date.month for f in demo.finales.all()} == {5}
    assert demo.finale_nationale.month == 6
    assert demo.equipes.filter(finaliste=True).count() == 18
    gallery = client.get(f"{API}{demo.annee}/galerie/").json()
    assert gallery["demo"] is True
    assert len(gallery["laureats"]) == 5
    # Every conflict the demo declares is honoured by its notes.
    for jure in Jure.objects.filter(edition=demo).prefetch_related("conflits"):
        lycees = list(jure.conflits.all())
        assert not Note.objects.filter(jure=jure, equipe__lycee__in=lycees).exists()


def test_list_endpoints_keep_a_constant_query_count(
    demo, scored, make_user, as_user, client, django_assert_num_queries
):
    """The same number of queries for the demo's 263 teams as for the three of 2030."""
    organiser = as_user(make_user("orga", "organiser"))
    ile_de_france = Jure.objects.get(
        edition=demo, region="ile-de-france", user__username="demo-jure-01"
    )
    for annee, count in [(2030, 3), (demo.annee, 263)]:
        # session, user, permissions (2), edition, teams, students, files
        with django_assert_num_queries(8):
            assert len(organiser.get(f"{API}{annee}/equipes/").json()) == count
        with django_assert_num_queries(10):
            assert len(organiser.get(f"{API}{annee}/classement/").json()) == count
        with django_assert_num_queries(12):
            assert organiser.get(f"{API}{annee}/export/").status_code == 200
    with django_assert_num_queries(3):
        assert len(client.get(API).json()) == 2
    with django_assert_num_queries(2):
        assert len(client.get(f"{API}{demo.annee}/galerie/").json()["laureats"]) == 5
    jury = as_user(ile_de_france.user)
    with django_assert_num_queries(11):
        assert len(jury.get(f"{API}{demo.annee}/jury/").json()["projets"]) == 47
