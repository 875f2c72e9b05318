"""Admin registration: the webhooks and their delivery log, under Settings."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .models import WebhookDelivery
from .views import ReadOnlyPermissionPolicy, WebhookDeliveryViewSet, WebhookEndpointViewSet

register_permission_policy(WebhookDelivery, ReadOnlyPermissionPolicy(WebhookDelivery))


@hooks.register("register_admin_viewset")
def register_webhook_viewsets():
    return [WebhookEndpointViewSet(), WebhookDeliveryViewSet()]
