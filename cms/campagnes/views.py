"""`/go/<code>`: a short link's redirect with its UTM parameters, and its QR codes."""

from urllib.parse import urlencode

from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.views.decorators.http import require_safe

from .attribution import PARAMETER, normalise, record_visit
from .models import LienCourt
from .qr import qr_png, qr_svg


def find_lien(code):
    """The short link for this code, whatever its case; the site's 404 page otherwise."""
    code = normalise(code)
    lien = LienCourt.objects.select_related("campagne", "page").filter(code=code).first()
    if code is None or lien is None:
        raise Http404
    return lien


@require_safe
def go(request, code):
    """302 to the link's page with UTM parameters and the campaign code (`c`) for attribution.

    Nothing about the visitor is kept: the day's counter goes up by one, that is all."""
    lien = find_lien(code)
    page = lien.destination()
    if page is None:
        raise Http404
    record_visit(lien, request)
    query = urlencode({**lien.utm(), PARAMETER: lien.code})
    response = HttpResponseRedirect(f"{page.get_url(request)}?{query}")
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


def qr_response(request, code, render, content_type, extension):
    lien = find_lien(code)
    url = request.build_absolute_uri(lien.get_absolute_url())
    response = HttpResponse(render(url), content_type=content_type)
    if "download" in request.GET:
        response["Content-Disposition"] = f'attachment; filename="qr-{lien.code}.{extension}"'
    return response


@require_safe
def qr_png_view(request, code):
    return qr_response(request, code, qr_png, "image/png", "png")


@require_safe
def qr_svg_view(request, code):
    return qr_response(request, code, qr_svg, "image/svg+xml", "svg")
