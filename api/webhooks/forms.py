"""The endpoint form: the secret can be typed or generated on creation, then only replaced."""

from django import forms
from wagtail.admin.forms import WagtailAdminModelForm


class WebhookEndpointForm(WagtailAdminModelForm):
    regenerate_secret = forms.BooleanField(
        label="Générer un nouveau secret",
        required=False,
        help_text="L'ancien secret cessera aussitôt d'être accepté par vos récepteurs.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The secret is shown once, after creation: an edit form never displays it again.
        if self.instance.pk:
            del self.fields["secret"]
        else:
            del self.fields["regenerate_secret"]

    def save(self, commit=True):
        if self.cleaned_data.get("regenerate_secret"):
            self.instance.secret = ""
        generating = not self.instance.secret
        instance = super().save(commit=commit)
        # Read by the views to show it once; the model generates it on save.
        self.generated_secret = instance.secret if generating else ""
        return instance
