"""The banded edit distance the database backend and Charly use gives the textbook answer."""

from hypothesis import given
from hypothesis import strategies as st

from search.service import edit_distance

WORDS = st.text(alphabet="abcde", max_size=9)


def reference(a, b):
    """Damerau–Levenshtein (optimal string alignment), the full table."""
    table = [[i + j if i * j == 0 else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
    return table[-1][-1]


@given(WORDS, WORDS, st.integers(min_value=0, max_value=3))
def test_banded_distance_matches_the_full_table(a, b, limit):
    expected = reference(a, b)
    found = edit_distance(a, b, limit)
    if expected <= limit:
        assert found == expected
    else:
        assert found > limit


def test_swaps_count_one():
    assert edit_distance("devlopeur", "developeur", 2) == 1
    assert edit_distance("pnetester", "pentester", 2) == 1
