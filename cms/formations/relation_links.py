"""Migration support: a many-to-many relation becomes orderable links (issue 16).

A `ParentalManyToManyField` became a list of `Orderable` links edited with a chooser. The rows
are copied in the order they were added (what the old multi-select showed), and the revisions
that stored the old field's values store the links instead, so a draft keeps its choices.
"""

from collections import defaultdict


def m2m_to_links(app_label, model_name, field_name, relation_name, target_name):
    """A RunPython function copying `model.field_name` into the links of `relation_name`
    (whose model has `page`, `<target_name>` and `sort_order`)."""

    def forward(apps, schema_editor):
        model = apps.get_model(app_label, model_name)
        field = model._meta.get_field(field_name)
        link_model = field.model._meta.get_field(relation_name).related_model
        through = field.remote_field.through
        source = field.m2m_field_name()
        target = field.m2m_reverse_field_name()
        positions = defaultdict(int)
        links = []
        for page_id, target_id in through.objects.order_by("pk").values_list(source, target):
            position = positions[page_id]
            links.append(
                link_model(page_id=page_id, sort_order=position, **{f"{target_name}_id": target_id})
            )
            positions[page_id] += 1
        link_model.objects.bulk_create(links)
        _convert_revisions(apps, app_label, model_name, field_name, relation_name, target_name)

    return forward


def _convert_revisions(apps, app_label, model_name, field_name, relation_name, target_name):
    content_type = (
        apps.get_model("contenttypes", "ContentType")
        .objects.filter(app_label=app_label, model=model_name.lower())
        .first()
    )
    if content_type is None:
        return
    revisions = apps.get_model("wagtailcore", "Revision").objects.filter(content_type=content_type)
    for revision in revisions.iterator():
        content = revision.content
        if field_name not in content:
            continue
        page_id = int(revision.object_id)
        content[relation_name] = [
            {"pk": None, "page": page_id, target_name: target_id, "sort_order": position}
            for position, target_id in enumerate(content.pop(field_name))
        ]
        revision.save(update_fields=["content"])
