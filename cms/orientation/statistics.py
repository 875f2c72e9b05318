"""Anonymous aggregates of the test results, for the commission that writes the questions."""

from collections import Counter
from datetime import timedelta

from django.db.models import Count, Q
from django.utils import timezone

from cms.metiers.models import MetierPage

from .models import TestResult, TestVersion

PERIODS = (7, 30, 90)
CODES_LIMIT = 15
METIERS_LIMIT = 10


def results_statistics(days=30, version=None):
    """Tests completed per day, codes, recommended métiers and answers per question.

    The answers per question are those of `version` (the current one by default): a question
    that students often skip is a question to reword.
    """
    today = timezone.localdate()
    start = today - timedelta(days=days - 1)
    results = TestResult.objects.filter(created_on__range=(start, today))
    total = results.count()

    per_day = dict(
        results.order_by()
        .values("created_on")
        .annotate(count=Count("pk"))
        .values_list("created_on", "count")
    )
    peak = max(per_day.values(), default=0)

    codes = [
        {"code": row["code"], "count": row["count"], "share": _share(row["count"], total)}
        for row in results.order_by()
        .values("code")
        .annotate(count=Count("pk"))
        .order_by("-count", "code")[:CODES_LIMIT]
    ]

    recommended, first = Counter(), Counter()
    for slugs in results.values_list("metiers", flat=True):
        recommended.update(slugs)
        first.update(slugs[:1])
    titles = dict(
        MetierPage.objects.filter(slug__in=list(recommended)).values_list("slug", "title")
    )
    metiers = [
        {
            "title": titles.get(slug, slug),
            "count": count,
            "first": first[slug],
            "share": _share(count, total),
        }
        for slug, count in sorted(
            recommended.items(), key=lambda item: (-item[1], -first[item[0]], item[0])
        )[:METIERS_LIMIT]
    ]

    version = version or TestVersion.objects.current()
    questions = []
    version_total = 0
    if version is not None:
        version_results = results.filter(version=version)
        version_total = version_results.count()
        answered = version_results.aggregate(
            **{
                f"q{question['id']}": Count("pk", filter=Q(answers__has_key=str(question["id"])))
                for question in version.questions
            }
        )
        questions = [
            {
                "position": position,
                "text": question["text"],
                "dimension": question["dimension"],
                "answered": answered[f"q{question['id']}"],
                "share": _share(answered[f"q{question['id']}"], version_total),
            }
            for position, question in enumerate(version.questions, start=1)
        ]

    return {
        "days": days,
        "start": start,
        "end": today,
        "total": total,
        "per_day": [
            {"date": day, "count": per_day.get(day, 0), "bar": _share(per_day.get(day, 0), peak)}
            for day in (start + timedelta(days=offset) for offset in range(days))
        ],
        "codes": codes,
        "metiers": metiers,
        "version": version,
        "version_total": version_total,
        "questions": questions,
    }


def _share(count, total):
    """A percentage rounded to the unit; 0 when there is nothing to divide."""
    return round(100 * count / total) if total else 0
