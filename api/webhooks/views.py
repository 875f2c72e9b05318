"""Admin screens: editors register endpoints under Settings and read the delivery log."""

from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.views.generic import CreateView, EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from .forms import WebhookEndpointForm
from .models import WebhookDelivery, WebhookEndpoint


def with_secret(message, secret):
    if not secret:
        return message
    return (
        f"{message} Secret de signature, à copier maintenant dans votre récepteur "
        f"(il ne sera plus affiché) : {secret}"
    )


class EndpointCreateView(CreateView):
    def get_success_message(self, instance):
        return with_secret(super().get_success_message(instance), self.form.generated_secret)


class EndpointEditView(EditView):
    def get_success_message(self):
        return with_secret(super().get_success_message(), self.form.generated_secret)


class WebhookEndpointViewSet(ModelViewSet):
    model = WebhookEndpoint
    name = "webhooks"
    icon = "link"
    menu_label = "Webhooks"
    menu_order = 900
    add_to_settings_menu = True
    add_view_class = EndpointCreateView
    edit_view_class = EndpointEditView
    copy_view_enabled = False  # a copy would carry the secret into a new form
    list_display = [
        "name",
        "url",
        "subscribed_events",
        BooleanColumn("active", label="Actif"),
        "created_at",
    ]
    list_filter = ["active"]
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("url"),
            MultiFieldPanel(
                [FieldPanel("on_publish"), FieldPanel("on_unpublish"), FieldPanel("on_delete")],
                heading="Événements notifiés",
            ),
            FieldPanel("active"),
            FieldPanel("secret"),
            FieldPanel("regenerate_secret"),
        ],
        base_form_class=WebhookEndpointForm,
    )


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """The delivery log is written by the system: even superusers may only read it."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([action for action in actions if action == "view"])


class DeliveryIndexView(IndexView):
    queryset = WebhookDelivery.objects.select_related("endpoint")


class WebhookDeliveryViewSet(ModelViewSet):
    model = WebhookDelivery
    name = "webhook_deliveries"
    url_prefix = "webhooks/journal"
    icon = "list-ul"
    menu_label = "Journal des webhooks"
    menu_order = 901
    add_to_settings_menu = True
    index_view_class = DeliveryIndexView
    copy_view_enabled = False
    inspect_view_enabled = True
    ordering = ["-created_at", "-id"]
    list_display = [
        "created_at",
        "endpoint",
        "event",
        "page_title",
        "status",
        "attempts",
        "last_status_code",
        "next_attempt_at",
        "delivered_at",
    ]
    list_filter = ["status", "endpoint", "event"]
    inspect_view_fields = [
        "endpoint",
        "event",
        "status",
        "attempts",
        "last_status_code",
        "last_error",
        "next_attempt_at",
        "created_at",
        "delivered_at",
        "payload",
    ]
    form_fields = []  # ModelViewSet wants a form; the policy above refuses any add or change
