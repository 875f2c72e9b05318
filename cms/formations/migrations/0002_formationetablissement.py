"""The establishments of a formation become orderable links edited with a snippet chooser."""

import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models

from cms.formations.relation_links import m2m_to_links


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("formations", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.CreateModel(
            name="FormationEtablissement",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                (
                    "etablissement",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="formation_links",
                        to="formations.etablissement",
                        verbose_name="Établissement",
                    ),
                ),
                (
                    "page",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="etablissement_links",
                        to="formations.formationpage",
                    ),
                ),
            ],
            options={
                "verbose_name": "établissement qui la propose",
                "verbose_name_plural": "établissements qui la proposent",
                "ordering": ["sort_order"],
                "abstract": False,
                "unique_together": {("page", "etablissement")},
            },
        ),
        migrations.RunPython(
            m2m_to_links(
                "formations",
                "FormationPage",
                "etablissements",
                "etablissement_links",
                "etablissement",
            ),  # fmt: skip
            elidable=False,
        ),
        migrations.RemoveField(model_name="formationpage", name="etablissements"),
        migrations.AddField(
            model_name="formationpage",
            name="etablissements",
            field=models.ManyToManyField(
                blank=True,
                related_name="formations",
                through="formations.FormationEtablissement",
                to="formations.etablissement",
                verbose_name="Établissements qui la proposent",
            ),
        ),
    ]
