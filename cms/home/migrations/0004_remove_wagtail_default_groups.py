"""Remove Wagtail's default "Editors" and "Moderators" groups and its "Moderators approval"
workflow and task: the site's own groups and workflow replace them (cms.home.editorial). And the
tree's technical root, which only administrators see, is titled in French."""

from django.db import migrations

from cms.home.editorial import remove_wagtail_defaults


def remove_defaults(apps, schema_editor):
    remove_wagtail_defaults(
        apps.get_model("auth", "Group"),
        apps.get_model("wagtailcore", "Workflow"),
        apps.get_model("wagtailcore", "Task"),
    )
    apps.get_model("wagtailcore", "Page").objects.filter(depth=1, title="Root").update(
        title="Racine", draft_title="Racine"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0003_student_reports_permission"),
        # Every Wagtail migration that creates or grants to the default groups comes first.
        ("wagtailcore", "0048_add_default_workflows"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailimages", "0002_initial_data"),
        ("wagtaildocs", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(remove_defaults, migrations.RunPython.noop)]
