"""The editorial organisation: who may edit and publish, and the moderation workflow.

It is configuration every installation needs (not demo content), so it is applied after each
`migrate`, idempotently: a "Commission communication" group that edits and publishes everywhere,
a "Rédacteurs" group that edits and submits for moderation but cannot publish, and a workflow in
which the commission approves what the rédacteurs submit.

Page permissions are granted on the site's home page, not on the tree's technical root: the
explorer then opens on "Talents du Numérique", never on a page titled "Root". Wagtail's own
default groups, task and workflow ("Editors", "Moderators", "Moderators approval") are removed:
beside ours they invite mistakes.
"""

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Site,
    Task,
    Workflow,
    WorkflowContentType,
    WorkflowPage,
    WorkflowTask,
)

COMMISSION_GROUP = "Commission communication"
REDACTEURS_GROUP = "Rédacteurs"
WORKFLOW_NAME = "Validation par la commission communication"
TASK_NAME = "Relecture par la commission communication"
WAGTAIL_DEFAULT_GROUPS = ("Editors", "Moderators")
WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"
WAGTAIL_DEFAULT_TASK = "Moderators approval"

# Snippets students see without a moderation step: the commission edits them, the rédacteurs
# read them (a change would otherwise be live at once, without review).
REFERENCE_SNIPPETS = [
    ("formations", "bac"),
    ("formations", "specialite"),
    ("formations", "etablissement"),
    ("communaute", "federation"),
    ("communaute", "commission"),
    ("communaute", "rolemodel"),
    ("metiers", "source"),
    ("glossaire", "terme"),
]
# Moderated snippets (drafts and the commission's workflow, like pages): rédacteurs edit and
# submit, the commission publishes.
MODERATED_SNIPPETS = [("faq", "questionfrequente")]
# The commission's tools: Charly's flows, intents and safety phrases, the test's questions and
# versions, the search's synonyms.
COMMISSION_TOOLS = [
    ("chatbot", "flow"),
    ("chatbot", "intent"),
    ("chatbot", "safetyphrase"),
    ("orientation", "question"),
    ("orientation", "testversion"),
    ("search", "synonym"),
]
PAGE_PERMISSIONS = {
    COMMISSION_GROUP: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    REDACTEURS_GROUP: ["add_page", "change_page"],
}
COLLECTION_PERMISSIONS = {
    "wagtailimages": ["add_image", "change_image", "choose_image"],
    "wagtaildocs": ["add_document", "change_document", "choose_document"],
}


def _permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _model_permissions(group_name):
    permissions = [_permission("wagtailadmin", "access_admin")]
    commission = group_name == COMMISSION_GROUP
    for app_label, model in REFERENCE_SNIPPETS:
        actions = ["add", "change", "delete", "view"] if commission else ["view"]
        permissions += [_permission(app_label, f"{action}_{model}") for action in actions]
    for app_label, model in MODERATED_SNIPPETS:
        actions = ["add", "change", "delete", "publish"] if commission else ["add", "change"]
        permissions += [_permission(app_label, f"{action}_{model}") for action in actions]
    if commission:
        for app_label, model in COMMISSION_TOOLS:
            permissions += [
                _permission(app_label, f"{action}_{model}")
                for action in ("add", "change", "delete", "view")
            ]
        permissions.append(_permission("home", "change_sitesettings"))
        permissions.append(_permission("home", "view_student_reports"))
    return permissions


def editorial_root():
    """The page editors' permissions start from: the default site's home page."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    return site.root_page if site else None


def remove_wagtail_defaults(group_model, workflow_model, task_model):
    """Delete Wagtail's default groups, workflow and task (models passed in, so that a data
    migration can use its historical models)."""
    group_model.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS).delete()
    workflow_model.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW).delete()
    task_model.objects.filter(name=WAGTAIL_DEFAULT_TASK).delete()


def ensure_editorial_setup():
    """Create or complete the groups, their permissions and the moderation workflow."""
    root_page = Page.get_first_root_node()
    home_page = editorial_root()
    root_collection = Collection.get_first_root_node()
    if root_page is None or home_page is None or root_collection is None:
        return
    groups = {}
    for name, page_codenames in PAGE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        groups[name] = group
        group.permissions.add(*_model_permissions(name))
        # Granted on the technical root before: moved to the home page.
        GroupPagePermission.objects.filter(group=group, page=root_page).delete()
        for codename in page_codenames:
            GroupPagePermission.objects.get_or_create(
                group=group, page=home_page, permission=_permission("wagtailcore", codename)
            )
        for app_label, codenames in COLLECTION_PERMISSIONS.items():
            for codename in codenames:
                GroupCollectionPermission.objects.get_or_create(
                    group=group,
                    collection=root_collection,
                    permission=_permission(app_label, codename),
                )

    task, _ = GroupApprovalTask.objects.get_or_create(name=TASK_NAME)
    task.groups.add(groups[COMMISSION_GROUP])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=root_page, defaults={"workflow": workflow})
    for app_label, model in MODERATED_SNIPPETS:
        content_type = ContentType.objects.get_by_natural_key(app_label, model)
        WorkflowContentType.objects.update_or_create(
            content_type=content_type, defaults={"workflow": workflow}
        )
    remove_wagtail_defaults(Group, Workflow, Task)


def on_post_migrate(sender, **kwargs):
    """Run once per migrate, after the last app's signal, when every permission exists."""
    migrated = [config for config in apps.get_app_configs() if config.models_module]
    if sender is migrated[-1]:
        ensure_editorial_setup()
