"""The editorial organisation: who may edit and publish, and the moderation workflow.

It is configuration every installation needs (not demo content), so it is applied after each
`migrate`, idempotently: a "Commission communication" group that edits and publishes everywhere,
a "Rédacteurs" group that edits and submits for moderation but cannot publish, and a workflow in
which the commission approves what the rédacteurs submit.
"""

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

COMMISSION_GROUP = "Commission communication"
REDACTEURS_GROUP = "Rédacteurs"
WORKFLOW_NAME = "Validation par la commission communication"
TASK_NAME = "Relecture par la commission communication"

SNIPPET_MODELS = [
    ("formations", "bac"),
    ("formations", "specialite"),
    ("formations", "etablissement"),
    ("communaute", "federation"),
    ("communaute", "commission"),
    ("communaute", "rolemodel"),
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
    actions = ["add", "change", "delete"] if group_name == COMMISSION_GROUP else ["add", "change"]
    permissions = [_permission("wagtailadmin", "access_admin")]
    for app_label, model in SNIPPET_MODELS:
        permissions += [_permission(app_label, f"{action}_{model}") for action in actions]
    if group_name == COMMISSION_GROUP:
        permissions.append(_permission("home", "change_sitesettings"))
    return permissions


def ensure_editorial_setup():
    """Create or complete the groups, their permissions and the moderation workflow."""
    root_page = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    if root_page is None or root_collection is None:
        return
    groups = {}
    for name, page_codenames in PAGE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        groups[name] = group
        group.permissions.add(*_model_permissions(name))
        for codename in page_codenames:
            GroupPagePermission.objects.get_or_create(
                group=group, page=root_page, permission=_permission("wagtailcore", codename)
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


def on_post_migrate(sender, **kwargs):
    """Run once per migrate, after the last app's signal, when every permission exists."""
    migrated = [config for config in apps.get_app_configs() if config.models_module]
    if sender is migrated[-1]:
        ensure_editorial_setup()
