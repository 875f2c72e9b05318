"""Query log: raw rows become masked daily aggregates (query, day, count, zero-result flag)."""

from collections import defaultdict

from django.db import migrations, models


def aggregate(apps, schema_editor):
    from cms.privacy import mask
    from search.analysis import fold

    QueryLog = apps.get_model("search", "QueryLog")
    groups = defaultdict(lambda: [0, True])
    for query, day, result_count in QueryLog.objects.values_list("query", "day", "result_count"):
        key = (" ".join(fold(mask(query)).split())[:200], day)
        groups[key][0] += 1
        groups[key][1] = groups[key][1] and result_count == 0
    QueryLog.objects.all().delete()
    QueryLog.objects.bulk_create(
        QueryLog(query=query, day=day, count=count, zero_results=zero, result_count=0)
        for (query, day), (count, zero) in groups.items()
    )


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.AddField("querylog", "count", models.PositiveIntegerField(default=1)),
        migrations.AddField("querylog", "zero_results", models.BooleanField(default=False)),
        migrations.RunPython(aggregate, migrations.RunPython.noop),
        migrations.RemoveField("querylog", "result_count"),
        migrations.AddConstraint(
            "querylog",
            models.UniqueConstraint(fields=["query", "day"], name="one_row_per_query_day"),
        ),
    ]
