"""Files attached to a submission, judged on their content, never on their name.

The first bytes say what a file is (a ZIP archive, a PDF, a PNG or JPEG image); images are then
decoded by Pillow and archives opened by `zipfile`, so a renamed or truncated file is refused.
Each kind has its own size limit.
"""

import zipfile

from PIL import Image, UnidentifiedImageError

from cms import errors

from .models import TypeFichier

MB = 1024 * 1024
MAX_BYTES = {
    TypeFichier.ZIP: 20 * MB,
    TypeFichier.PDF: 10 * MB,
    TypeFichier.PNG: 5 * MB,
    TypeFichier.JPEG: 5 * MB,
}
# What a whole upload request may weigh: the largest file and its multipart envelope.
MAX_REQUEST_BYTES = max(MAX_BYTES.values()) + 64 * 1024
MAX_FILES = 12
MAGIC = {
    TypeFichier.ZIP: b"PK\x03\x04",
    TypeFichier.PDF: b"%PDF-",
    TypeFichier.PNG: b"\x89PNG\r\n\x1a\n",
    TypeFichier.JPEG: b"\xff\xd8\xff",
}
DECLARED = {
    "application/zip": TypeFichier.ZIP,
    "application/x-zip-compressed": TypeFichier.ZIP,
    "application/pdf": TypeFichier.PDF,
    "image/png": TypeFichier.PNG,
    "image/jpeg": TypeFichier.JPEG,
}
EXTENSIONS = {
    "zip": TypeFichier.ZIP,
    "pdf": TypeFichier.PDF,
    "png": TypeFichier.PNG,
    "jpg": TypeFichier.JPEG,
    "jpeg": TypeFichier.JPEG,
}
ALLOWED = "Fichiers acceptés : archive ZIP, PDF, image PNG ou JPEG."


class FileTooLarge(errors.DomainError):
    code = "payload_too_large"
    status = 413
    default_message = "Ce fichier est trop volumineux."


def too_large_message(kind):
    return f"Ce fichier est trop volumineux : {MAX_BYTES[kind] // MB} Mo au plus pour ce type."


def sniff(head):
    """The kind of file its first bytes announce, or None."""
    return next((kind for kind, magic in MAGIC.items() if head.startswith(magic)), None)


def declared_kind(name, content_type):
    """What the client says the file is, by its content type, else by its name's extension."""
    kind = DECLARED.get((content_type or "").split(";")[0].strip().lower())
    if kind is None and "." in name:
        kind = EXTENSIONS.get(name.rsplit(".", 1)[1].lower())
    return kind


def _decodes(upload, kind):
    upload.seek(0)
    try:
        if kind == TypeFichier.ZIP:
            with zipfile.ZipFile(upload) as archive:
                archive.infolist()
        elif kind in (TypeFichier.PNG, TypeFichier.JPEG):
            with Image.open(upload) as image:
                image.verify()
    except (zipfile.BadZipFile, UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return False
    finally:
        upload.seek(0)
    return True


def check(upload):
    """The kind of an uploaded file, once its content is known to be what it claims to be."""
    declared = declared_kind(upload.name or "", getattr(upload, "content_type", ""))
    if declared is None:
        raise errors.InvalidRequest(ALLOWED, {"fichier": [ALLOWED]})
    if upload.size > MAX_BYTES[declared]:
        raise FileTooLarge(too_large_message(declared))
    upload.seek(0)
    actual = sniff(upload.read(16))
    if actual != declared or not _decodes(upload, actual):
        message = (
            f"Le contenu du fichier ne correspond pas au type annoncé "
            f"({TypeFichier(declared).label})."
        )
        raise errors.InvalidRequest(message, {"fichier": [message]})
    return actual
