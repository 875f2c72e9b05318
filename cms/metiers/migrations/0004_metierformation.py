"""The formations of a métier become orderable links edited with a page chooser."""

import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models

from cms.formations.relation_links import m2m_to_links


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("formations", "0002_formationetablissement"),
        ("metiers", "0003_sources"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.CreateModel(
            name="MetierFormation",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                (
                    "formation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="metier_links",
                        to="formations.formationpage",
                        verbose_name="Formation",
                    ),
                ),
                (
                    "page",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="formation_links",
                        to="metiers.metierpage",
                    ),
                ),
            ],
            options={
                "verbose_name": "formation qui y mène",
                "verbose_name_plural": "formations qui y mènent",
                "ordering": ["sort_order"],
                "abstract": False,
                "unique_together": {("page", "formation")},
            },
        ),
        migrations.RunPython(
            m2m_to_links("metiers", "MetierPage", "formations", "formation_links", "formation"),
            elidable=False,
        ),
        migrations.RemoveField(model_name="metierpage", name="formations"),
        migrations.AddField(
            model_name="metierpage",
            name="formations",
            field=models.ManyToManyField(
                blank=True,
                related_name="debouches",
                through="metiers.MetierFormation",
                to="formations.formationpage",
                verbose_name="Formations qui y mènent",
            ),
        ),
    ]
