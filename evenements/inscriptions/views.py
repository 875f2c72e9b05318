"""The page a cancellation link opens. Opening it cancels nothing (mail scanners and link
previews open links): the teacher confirms with a button, and the page's script posts the token,
read from the address's fragment that no server or proxy sees, to the API."""

from django.views.generic import TemplateView


class AnnulationPage(TemplateView):
    template_name = "inscriptions/annulation.html"

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex"
        response["Cache-Control"] = "no-store"
        return response
