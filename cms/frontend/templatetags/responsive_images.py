"""Images as responsive renditions: several widths (`srcset` with `sizes`) in AVIF when this
Pillow can write it, WebP, and JPEG for the browsers that read neither, through Wagtail's
`Picture` (what `{% picture %}` renders). The template names one operation and the widths; the
formats depend on the Pillow the site runs with, which a template cannot know."""

from django import template
from PIL import features
from wagtail.images.models import Picture

register = template.Library()


def formats():
    """Best first; JPEG last, as the fallback `<img>`."""
    return ("avif", "webp", "jpeg") if features.check("avif") else ("webp", "jpeg")


def scaled(operation, width):
    """`fill-960x540` at 480 → `fill-480x270`; `width-800` at 400 → `width-400`."""
    name, _, size = operation.partition("-")
    if name == "fill":
        full_width, full_height = (int(n) for n in size.split("x"))
        return f"fill-{width}x{round(full_height * width / full_width)}"
    if name == "width":
        return f"width-{width}"
    raise template.TemplateSyntaxError(f"responsive_picture: unsupported operation {operation}")


@register.simple_tag
def responsive_picture(image, operation, widths, sizes, **attrs):
    """`{% responsive_picture page.image "fill-960x540" "960,480" "100vw" alt="" %}`: the first
    width is the fallback `src`."""
    if not image:
        return ""
    specs = [
        f"{scaled(operation, int(width))}|format-{fmt}"
        for fmt in formats()
        for width in str(widths).split(",")
    ]
    return Picture(image.get_renditions(*specs), {"sizes": sizes, **attrs})
