"""Images as a frontend needs them: several renditions, alt text and the focal point."""

from functools import cache

from wagtail.images.models import Filter

RENDITIONS = {
    "thumbnail": "fill-400x300",
    "medium": "fill-800x450",
    "large": "width-1600",
}
LIST_RENDITIONS = {"thumbnail": RENDITIONS["thumbnail"]}


@cache
def parsed_filter(spec):
    """One Filter per spec for the process: Wagtail parses a spec string anew at every call."""
    return Filter(spec=spec)


def image_payload(image, request, specs=RENDITIONS):
    if image is None:
        return None
    renditions = image.get_renditions(*(parsed_filter(spec) for spec in specs.values()))
    focal = None
    if image.has_focal_point():
        focal = {
            "x": image.focal_point_x,
            "y": image.focal_point_y,
            "width": image.focal_point_width,
            "height": image.focal_point_height,
        }
    return {
        "alt": image.description or image.title,
        "width": image.width,
        "height": image.height,
        "focal_point": focal,
        "renditions": {
            name: {
                "url": request.build_absolute_uri(renditions[spec].url),
                "width": renditions[spec].width,
                "height": renditions[spec].height,
            }
            for name, spec in specs.items()
        },
    }
