"""Where editors register the URLs to notify, and the durable log of what was sent to them."""

import secrets
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from .crypto import EncryptedSecretField
from .network import UnsafeDestination, destination

LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}
MIN_SECRET_LENGTH = 32


class WebhookEvent(models.TextChoices):
    PUBLISHED = "page.published", "Publication"
    UNPUBLISHED = "page.unpublished", "Dépublication"
    DELETED = "page.deleted", "Suppression"


class WebhookEndpointQuerySet(models.QuerySet):
    def subscribed_to(self, event):
        return self.filter(active=True, **{WebhookEndpoint.EVENT_FIELDS[event]: True})


class WebhookEndpoint(models.Model):
    """A URL that receives a signed POST when a page is published, unpublished or deleted."""

    EVENT_FIELDS = {
        WebhookEvent.PUBLISHED: "on_publish",
        WebhookEvent.UNPUBLISHED: "on_unpublish",
        WebhookEvent.DELETED: "on_delete",
    }

    name = models.CharField("Nom", max_length=100, help_text="Par exemple : site de l'association.")
    url = models.URLField(
        "Adresse",
        max_length=500,
        help_text="Adresse https:// qui recevra les notifications (requête POST en JSON signé).",
    )
    secret = EncryptedSecretField(
        "Secret de signature",
        blank=True,
        help_text=f"Au moins {MIN_SECRET_LENGTH} caractères, ou laissez vide pour en générer un. "
        "Il ne sera affiché qu'une seule fois, et il est chiffré dans la base.",
    )
    active = models.BooleanField("Actif", default=True)
    on_publish = models.BooleanField("Publication d'une page", default=True)
    on_unpublish = models.BooleanField("Dépublication d'une page", default=True)
    on_delete = models.BooleanField("Suppression d'une page", default=True)
    created_at = models.DateTimeField("Créé le", default=timezone.now, editable=False)

    objects = WebhookEndpointQuerySet.as_manager()

    class Meta:
        verbose_name = "webhook"
        verbose_name_plural = "webhooks"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.secret:
            self.secret = secrets.token_urlsafe(32)
        super().save(*args, **kwargs)

    def clean(self):
        # Payloads leave our network: https only, to public addresses only (network.py). Plain
        # http is accepted on this machine's loopback in development, where a receiver under test
        # has no certificate (and its network must be allowed: WEBHOOK_ALLOWED_NETWORKS).
        parts = urlsplit(self.url or "")
        if parts.scheme not in {"http", "https"}:
            raise ValidationError({"url": "L'adresse doit commencer par https://."})
        if parts.scheme == "http" and not (settings.DEBUG and parts.hostname in LOOPBACK_HOSTS):
            raise ValidationError(
                {"url": "Utilisez une adresse https:// : les notifications doivent être chiffrées."}
            )
        try:
            destination(self.url)
        except UnsafeDestination as error:
            raise ValidationError({"url": str(error)}) from error
        if self.secret and len(self.secret) < MIN_SECRET_LENGTH:
            raise ValidationError(
                {"secret": f"Un secret doit compter au moins {MIN_SECRET_LENGTH} caractères."}
            )

    def subscribed_events(self):
        return ", ".join(
            event.label for event, field in self.EVENT_FIELDS.items() if getattr(self, field)
        )

    subscribed_events.short_description = "Événements"


class WebhookDelivery(models.Model):
    """One event for one endpoint, written in the transaction of the change, then sent with
    retries: the row is the queue, so a receiver outage or a restart loses nothing."""

    class Status(models.TextChoices):
        PENDING = "pending", "En attente"
        DELIVERED = "delivered", "Livré"
        FAILED = "failed", "Échec"

    endpoint = models.ForeignKey(
        WebhookEndpoint,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name="Webhook",
    )
    event = models.CharField("Événement", max_length=30, choices=WebhookEvent.choices)
    payload = models.JSONField("Contenu envoyé")
    status = models.CharField("État", max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField("Tentatives", default=0)
    next_attempt_at = models.DateTimeField("Prochaine tentative", default=timezone.now)
    last_status_code = models.PositiveSmallIntegerField("Dernier code HTTP", null=True, blank=True)
    last_error = models.TextField("Dernière erreur", blank=True)
    created_at = models.DateTimeField("Créé le", default=timezone.now, db_index=True)
    delivered_at = models.DateTimeField("Livré le", null=True, blank=True)

    class Meta:
        verbose_name = "envoi de webhook"
        verbose_name_plural = "journal des webhooks"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]
        # Written by the system only: editors may read the log, never change it.
        default_permissions = ("view",)

    def __str__(self):
        return f"{self.get_event_display()} · {self.page_title()} → {self.endpoint}"

    def page_title(self):
        return self.payload.get("page", {}).get("title", "")

    page_title.short_description = "Page"
