"""Wagtail API v2: any page the editors create is reachable headlessly, with its api_fields;
drafts are served to the external frontend's preview through a signed token."""

from django.contrib.contenttypes.models import ContentType
from django.core.signing import BadSignature
from django.http import Http404
from rest_framework.response import Response
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images import get_image_model
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail_headless_preview.models import PagePreview

from cms.home.models import HeadlessPreviewable

from .errors import error_body

MAX_OFFSET = 10_000


class SafeQueryMixin:
    """Wagtail's endpoints, with bad query strings refused (400) in the API's error shape:
    a NUL byte, or an offset the database cannot handle, made a 500."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        for key, values in request.GET.lists():
            if "\x00" in key or any("\x00" in value for value in values):
                raise BadRequestError("Les paramètres ne peuvent pas contenir de caractère nul.")
        offset = request.GET.get("offset", "")
        if offset.isdigit() and int(offset) > MAX_OFFSET:
            raise BadRequestError(f"offset ne peut pas dépasser {MAX_OFFSET}.")

    def handle_exception(self, exc):
        response = super().handle_exception(exc)
        message = response.data.get("message") if isinstance(response.data, dict) else None
        if message is not None:
            response.data = error_body(response.status_code, message)
        return response


class PagesViewSet(SafeQueryMixin, PagesAPIViewSet):
    """Wagtail's pages endpoint, with each page type's images fetched in the same query."""

    def get_queryset(self):
        queryset = super().get_queryset()
        images = [
            field.name
            for field in queryset.model._meta.get_fields()
            if field.many_to_one and field.related_model is get_image_model()
        ]
        return queryset.select_related(*images) if images else queryset


class PagePreviewAPIViewSet(SafeQueryMixin, PagesAPIViewSet):
    """The draft behind a preview token: `?content_type=app.model&token=...`."""

    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(["content_type", "token"])

    def listing_view(self, request):
        page = self.get_object()
        self.action = "detail_view"  # serialize every api_field, as the page's detail does
        return Response(self.get_serializer(page).data)

    def detail_view(self, request, pk):
        return self.listing_view(request)

    def get_object(self):
        token = self.request.GET.get("token", "")
        try:
            HeadlessPreviewable.get_preview_signer().unsign(token)
            app_label, model = self.request.GET.get("content_type", "").split(".")
            content_type = ContentType.objects.get_by_natural_key(app_label, model)
            preview = PagePreview.objects.get(content_type=content_type, token=token)
        except (BadSignature, ValueError, ContentType.DoesNotExist, PagePreview.DoesNotExist):
            raise Http404 from None
        page = preview.as_page()
        if not page.pk:
            page.pk = 0
        return page


router = WagtailAPIRouter("wagtailapi")
router.register_endpoint("pages", PagesViewSet)
router.register_endpoint("page_preview", PagePreviewAPIViewSet)


class ImagesViewSet(SafeQueryMixin, ImagesAPIViewSet):
    pass


class DocumentsViewSet(SafeQueryMixin, DocumentsAPIViewSet):
    pass


router.register_endpoint("images", ImagesViewSet)
router.register_endpoint("documents", DocumentsViewSet)
