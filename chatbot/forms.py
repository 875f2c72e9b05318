"""The admin form of an intent: its example phrases in one text area, one phrase per line.

An intent has dozens of examples; one panel per phrase made them hard to read and to edit. The
phrases are still stored one row each (`IntentExample`), so training and the reports are
unchanged: saving keeps the rows whose text is still there, deletes the others and adds the new
ones, and each change retrains Charly through the usual signals.
"""

from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

from .models import IntentExample

MAX_LENGTH = IntentExample._meta.get_field("text").max_length


def example_lines(text):
    """The distinct non-empty lines of `text`, in order, stripped."""
    lines = (line.strip() for line in text.splitlines())
    return list(dict.fromkeys(line for line in lines if line))


class IntentForm(WagtailAdminModelForm):
    examples_text = forms.CharField(
        label="Exemples",
        error_messages={"required": "Écris au moins un exemple."},
        widget=forms.Textarea(attrs={"rows": 14, "spellcheck": "false"}),
        help_text="Une phrase par ligne, écrite comme les élèves la tapent (fautes, "
        "abréviations, sans accents). Les lignes vides et les doublons sont ignorés.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            texts = self.instance.examples.values_list("text", flat=True)
            self.fields["examples_text"].initial = "\n".join(texts)

    def clean_examples_text(self):
        lines = example_lines(self.cleaned_data["examples_text"])
        if not lines:
            raise forms.ValidationError("Écris au moins un exemple.")
        too_long = [number for number, line in enumerate(lines, 1) if len(line) > MAX_LENGTH]
        if too_long:
            raise forms.ValidationError(
                f"L'exemple n° {too_long[0]} dépasse {MAX_LENGTH} caractères : raccourcis-le."
            )
        return lines

    def save(self, commit=True):
        intent = super().save(commit=commit)
        if commit:
            self.save_examples(intent)
        return intent

    def save_examples(self, intent):
        wanted = self.cleaned_data["examples_text"]
        intent.examples.exclude(text__in=wanted).delete()
        kept = set(intent.examples.values_list("text", flat=True))
        for text in wanted:
            if text not in kept:
                IntentExample.objects.create(intent=intent, text=text)
