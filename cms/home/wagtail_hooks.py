"""The admin as the commission finds it: its dashboard, its reports under one "Rapports" menu,
and the editors' guide in the Help menu.

The rooms register their reports with Wagtail's usual hook (`register_reports_menu_item`); this
module moves them out of Wagtail's own reports (locked pages, workflows, site history…, renamed
"Suivi éditorial") into the project's "Rapports" menu, so that neither list hides the other.
"""

from django.urls import path, reverse
from django.utils.functional import cached_property
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from .dashboard import panels_for
from .guide import GuideView

REPORTS_HOOK = "register_reports_menu_item"
# Wagtail's own dashboard panel for reviews; "À relire" (cms.home.dashboard) replaces it.
REPLACED_PANELS = {"workflow_objects_to_moderate"}
# Wagtail's help links lead to its English guide and release notes online.
REPLACED_HELP_ITEMS = ("editor-guide", "whats-new-in-wagtail")


class ProjectReportsMenu(Menu):
    """The reports the project's rooms register, without Wagtail's own."""

    @cached_property
    def registered_menu_items(self):
        return [
            fn() for fn in hooks.get_hooks(REPORTS_HOOK) if not fn.__module__.startswith("wagtail.")
        ]

    @cached_property
    def names(self):
        return {item.name for item in self.registered_menu_items}


project_reports = ProjectReportsMenu()


@hooks.register("register_admin_menu_item")
def register_project_reports_menu():
    return SubmenuMenuItem(
        "Rapports", project_reports, name="rapports", icon_name="table", order=8990
    )


@hooks.register("construct_reports_menu")
def keep_wagtail_reports_only(request, menu_items):
    menu_items[:] = [item for item in menu_items if item.name not in project_reports.names]


@hooks.register("construct_main_menu")
def rename_wagtail_reports(request, menu_items):
    for item in menu_items:
        if item.name == "reports":
            item.label = "Suivi éditorial"


@hooks.register("construct_homepage_panels")
def add_commission_panels(request, panels):
    panels[:] = [panel for panel in panels if getattr(panel, "name", "") not in REPLACED_PANELS]
    panels.extend(panels_for(request))


@hooks.register("register_admin_urls")
def register_guide_url():
    return [path("guide/", GuideView.as_view(), name="guide_editeurs")]


@hooks.register("register_help_menu_item")
def register_guide_menu_item():
    return MenuItem(
        "Guide des éditeur·rices",
        reverse("guide_editeurs"),
        name="guide-editeurs",
        icon_name="help",
        order=100,
    )


@hooks.register("construct_help_menu")
def drop_wagtail_help_links(request, menu_items):
    menu_items[:] = [item for item in menu_items if not item.name.startswith(REPLACED_HELP_ITEMS)]
