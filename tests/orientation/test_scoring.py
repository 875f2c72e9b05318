"""Scoring is pure: these tests run without database access (pytest-django would refuse it)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cms.metiers.riasec import DIMENSIONS
from cms.orientation import scoring
from cms.orientation.scoring import MetierProfile

QUESTIONS = {1: "R", 2: "R", 3: "I", 4: "A", 5: "S", 6: "E", 7: "C", 8: "C", 9: "I", 10: "I"}


def flat(value):
    return dict.fromkeys(DIMENSIONS, value)


def metier(slug, title, values):
    return MetierProfile(slug, title, dict(zip(DIMENSIONS, values, strict=True)))


DATA_SCIENTIST = metier("data-scientist", "Data scientist", (20, 90, 35, 20, 30, 55))
ROBOTICIEN = metier("roboticien", "Roboticien·ne", (85, 75, 35, 20, 30, 45))


# --- Hand-computed profiles ---------------------------------------------------------------------


def test_scale_is_the_five_point_scale_in_french():
    assert scoring.scale_choices() == [
        {"value": 4, "label": "J'adore"},
        {"value": 3, "label": "J'aime bien"},
        {"value": 2, "label": "Je ne sais pas"},
        {"value": 1, "label": "Bof"},
        {"value": 0, "label": "Pas du tout"},
    ]


def test_profile_is_the_share_of_the_maximum_for_the_answered_questions():
    answers = {1: 4, 2: 3, 3: 2, 4: 0, 5: 1, 6: 4}
    # R: (4 + 3) / 8 = 87.5 → 88 (half up); I: 2 / 4 (questions 9 and 10 unanswered);
    # A: 0 / 4; S: 1 / 4; E: 4 / 4; C: no answered question → 0.
    assert scoring.profile(answers, QUESTIONS) == {
        "R": 88, "I": 50, "A": 0, "S": 25, "E": 100, "C": 0,
    }  # fmt: skip
    assert scoring.code(scoring.profile(answers, QUESTIONS)) == "ERI"


def test_profile_rounds_thirds_to_the_nearest_unit():
    assert scoring.profile({3: 4, 9: 0, 10: 0}, QUESTIONS)["I"] == 33  # 33.33…
    assert scoring.profile({3: 4, 9: 4, 10: 0}, QUESTIONS)["I"] == 67  # 66.67…


def test_no_answer_gives_a_zero_profile():
    assert scoring.profile({}, QUESTIONS) == flat(0)


def test_code_ties_follow_the_riasec_order():
    assert scoring.code({"R": 50, "I": 80, "A": 80, "S": 80, "E": 10, "C": 80}) == "IAS"
    assert scoring.code(flat(0)) == "RIA"


# --- Similarity and scores ----------------------------------------------------------------------


def test_identical_shapes_score_100_and_opposite_shapes_0():
    rising = dict(zip(DIMENSIONS, (10, 20, 30, 40, 50, 60), strict=True))
    falling = dict(zip(DIMENSIONS, (60, 50, 40, 30, 20, 10), strict=True))
    doubled = {letter: 2 * value for letter, value in rising.items()}
    assert scoring.correlation(rising, doubled) == pytest.approx(1)
    assert scoring.score(scoring.correlation(rising, doubled)) == 100
    assert scoring.correlation(rising, falling) == pytest.approx(-1)
    assert scoring.score(scoring.correlation(rising, falling)) == 0


def test_two_different_single_interests_correlate_at_minus_one_fifth():
    only_r = {**flat(0), "R": 100}
    only_i = {**flat(0), "I": 100}
    assert scoring.correlation(only_r, only_i) == pytest.approx(-0.2)
    assert scoring.score(-0.2) == 40


def test_flat_profile_scores_50_everywhere_and_is_ordered_by_cosine():
    only_r = metier("only-r", "R", (100, 0, 0, 0, 0, 0))
    even = metier("even", "Even", (60, 50, 50, 60, 50, 60))
    assert scoring.correlation(flat(50), only_r.profile) is None
    # cos = 50·100 / (√(6·50²) · 100) = 1/√6 ≈ 0.408
    assert scoring.cosine(flat(50), only_r.profile) == pytest.approx(6**-0.5)
    ranked = scoring.rank_metiers(flat(50), [only_r, even])
    assert [(m.slug, m.score) for m in ranked] == [("even", 50), ("only-r", 50)]


def test_zero_profile_is_unrelated_to_every_metier():
    assert scoring.correlation(flat(0), DATA_SCIENTIST.profile) is None
    assert scoring.cosine(flat(0), DATA_SCIENTIST.profile) == 0
    assert scoring.score(None) == 50


# --- Reasons ------------------------------------------------------------------------------------


def test_shared_core_dimension_gives_the_core_sentence():
    student = {"R": 20, "I": 90, "A": 30, "S": 20, "E": 20, "C": 30}
    assert scoring.raisons(student, DATA_SCIENTIST) == [
        "Tu aimes comprendre comment les choses marchent et résoudre des énigmes : "
        "c'est le cœur du métier de data scientist."
    ]


def test_one_sentence_per_shared_strong_dimension_strongest_first():
    student = {"R": 80, "I": 85, "A": 10, "S": 20, "E": 20, "C": 10}
    assert scoring.raisons(student, ROBOTICIEN) == [
        "Tu aimes comprendre comment les choses marchent : dans le métier de roboticien·ne, "
        "on cherche souvent la solution à des problèmes.",
        "Tu aimes bricoler, réparer et manipuler du vrai matériel : "
        "c'est le cœur du métier de roboticien·ne.",
    ]


def test_without_shared_strength_the_reason_invites_to_discover():
    student = {"R": 10, "I": 10, "A": 10, "S": 95, "E": 10, "C": 10}
    assert scoring.raisons(student, DATA_SCIENTIST) == [
        "Le métier de data scientist fait surtout appel au goût pour la recherche, la logique "
        "et les énigmes : c'est peut-être un côté de toi à découvrir !"
    ]


def test_flat_profile_has_no_strength_to_claim():
    assert scoring.strong_dimensions(flat(75)) == []
    assert len(scoring.raisons(flat(75), DATA_SCIENTIST)) == 1


def test_metier_titles_are_elided_and_lowercased():
    assert scoring.de("Administrateur·rice systèmes et réseaux") == (
        "d'administrateur·rice systèmes et réseaux"
    )
    assert scoring.de("Ingénieur·e en intelligence artificielle").startswith("d'ingénieur·e")
    assert scoring.de("UX/UI designer") == "d'UX/UI designer"  # "UX" starts with a vowel sound
    assert scoring.de("Chef·fe de projet informatique") == "de chef·fe de projet informatique"


# --- Ranking ------------------------------------------------------------------------------------


def test_ranking_puts_the_closest_shape_first():
    student = {"R": 25, "I": 100, "A": 25, "S": 25, "E": 25, "C": 50}
    ranked = scoring.rank_metiers(student, [ROBOTICIEN, DATA_SCIENTIST])
    assert [match.slug for match in ranked] == ["data-scientist", "roboticien"]
    assert ranked[0].score > ranked[1].score


def test_equal_scores_are_ranked_by_slug():
    twins = [metier(slug, slug, (50, 60, 10, 10, 10, 10)) for slug in ("b", "c", "a")]
    assert [m.slug for m in scoring.rank_metiers(flat(0), twins)] == ["a", "b", "c"]


@pytest.mark.parametrize(
    ("scores", "expected"),
    [
        ([95, 90, 85, 80, 75, 72, 70, 69, 60], 7),
        ([60, 55, 50, 40, 30, 20, 10], 5),
        ([90] * 12, 10),
        ([40, 30], 2),
    ],
)
def test_shortlist_keeps_five_to_ten_good_matches(scores, expected):
    matches = [scoring.Match(f"m{i}", "M", s, s / 100, ["…"]) for i, s in enumerate(scores)]
    assert len(scoring.shortlist(matches)) == expected


# --- Properties ---------------------------------------------------------------------------------

questions_st = st.dictionaries(
    st.integers(1, 10_000), st.sampled_from(DIMENSIONS), min_size=1, max_size=60
)
values_st = st.sampled_from(sorted(scoring.VALUES))
metiers_st = st.lists(st.tuples(*[st.integers(0, 100)] * 6), min_size=1, max_size=30).map(
    lambda profiles: [metier(f"m{i}", f"Métier {i}", p) for i, p in enumerate(profiles)]
)


@st.composite
def answered_test(draw):
    questions = draw(questions_st)
    answered = draw(st.lists(st.sampled_from(sorted(questions)), unique=True))
    return questions, {question_id: draw(values_st) for question_id in answered}


@given(answered_test())
def test_scores_are_integers_from_0_to_100(test):
    questions, answers = test
    scores = scoring.profile(answers, questions)
    assert set(scores) == set(DIMENSIONS)
    assert all(isinstance(value, int) and 0 <= value <= 100 for value in scores.values())


@given(answered_test(), st.randoms())
def test_order_of_answers_is_irrelevant(test, random):
    questions, answers = test
    items = list(answers.items())
    random.shuffle(items)
    assert scoring.profile(dict(items), questions) == scoring.profile(answers, questions)


@given(answered_test(), st.data())
def test_liking_a_question_more_never_lowers_its_dimension(test, data):
    questions, answers = test
    before = scoring.profile(answers, questions)
    question_id = data.draw(st.sampled_from(sorted(questions)))
    if question_id in answers:  # a higher answer
        value = data.draw(st.integers(answers[question_id], scoring.MAX_VALUE))
    else:  # a new "J'adore"
        value = scoring.MAX_VALUE
    after = scoring.profile({**answers, question_id: value}, questions)
    letter = questions[question_id]
    assert after[letter] >= before[letter]
    assert {k: v for k, v in after.items() if k != letter} == {
        k: v for k, v in before.items() if k != letter
    }


@given(answered_test(), metiers_st, st.randoms())
def test_same_answers_always_give_the_same_ranking(test, metiers, random):
    questions, answers = test
    scores = scoring.profile(answers, questions)
    ranked = scoring.rank_metiers(scores, metiers)
    shuffled = list(metiers)
    random.shuffle(shuffled)
    again = scoring.rank_metiers(
        scoring.profile(dict(reversed(answers.items())), questions), shuffled
    )
    assert [(m.slug, m.score, m.raisons) for m in ranked] == [
        (m.slug, m.score, m.raisons) for m in again
    ]


@given(st.tuples(*[st.integers(0, 100)] * 6), metiers_st)
def test_every_profile_ranks_every_metier_with_a_reason(values, metiers):
    scores = dict(zip(DIMENSIONS, values, strict=True))
    ranked = scoring.rank_metiers(scores, metiers)
    assert sorted(m.slug for m in ranked) == sorted(m.slug for m in metiers)
    assert all(0 <= m.score <= 100 and m.raisons for m in ranked)
    assert scoring.shortlist(ranked)
