"""QR codes of the short links, for posters and flyers (segno: pure Python, no Pillow needed)."""

import io

import segno

# Error correction M (15 %) survives a folded or slightly dirty poster; the border is the
# four modules the standard asks for.
ERROR = "m"
BORDER = 4


def qr_png(url, scale=10):
    buffer = io.BytesIO()
    segno.make(url, error=ERROR, micro=False).save(buffer, kind="png", scale=scale, border=BORDER)
    return buffer.getvalue()


def qr_svg(url, scale=10):
    buffer = io.BytesIO()
    segno.make(url, error=ERROR, micro=False).save(
        buffer, kind="svg", scale=scale, border=BORDER, title=url, xmldecl=False
    )
    return buffer.getvalue()
