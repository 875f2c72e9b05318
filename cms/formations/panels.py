"""The formation's edit page shows the métiers it leads to.

The link belongs to the métier (its fiche orders its formations), so it is edited there; the
formation lists those métiers, drafts marked, each with its edit link, so that an editor sees
both sides and opens the right fiche in one click.
"""

from django.urls import reverse
from django.utils.html import format_html, format_html_join
from wagtail.admin.panels import Panel

HOW_TO_LINK = (
    "Pour relier cette formation à un métier, ouvre la fiche du métier et ajoute-la dans "
    "« Formations qui y mènent »."
)


class DebouchesPanel(Panel):
    """Read-only: the métiers whose fiche lists this formation."""

    class BoundPanel(Panel.BoundPanel):
        def metiers(self):
            if self.instance.pk is None:
                return []
            return self.instance.debouches.order_by("title")

        def render_html(self, parent_context=None):
            items = format_html_join(
                "",
                '<li><a href="{}">{}</a>{}</li>',
                (
                    (
                        reverse("wagtailadmin_pages:edit", args=[metier.pk]),
                        metier.title,
                        "" if metier.live else " (brouillon, pas encore publié)",
                    )
                    for metier in self.metiers()
                ),
            )
            listing = (
                format_html("<ul>{}</ul>", items)
                if items
                else format_html("<p>{}</p>", "Aucun métier ne mène encore à cette formation.")
            )
            return format_html('{}<p class="help">{}</p>', listing, HOW_TO_LINK)
