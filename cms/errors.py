"""The one base of the errors the rooms raise for requests they refuse.

A room (the orientation test, the parcours, Charly, the events) says what is wrong in its own
words: a stable `code`, a `message` in French for the student, the `fields` concerned, and the
HTTP `status` that fits. `api.errors.exception_handler` turns any of them into the API's error
body, in one place; views never catch them.
"""


class DomainError(Exception):
    code = "invalid"
    status = 400
    default_message = "La demande n'est pas valide."

    def __init__(self, message=None, fields=None):
        self.message = message or self.default_message
        self.fields = fields or {}
        super().__init__(self.message)


class InvalidRequest(DomainError):
    """Bad input (400): `fields` says which ones, with their messages."""


class NotFound(DomainError):
    code = "not_found"
    status = 404
    default_message = "Cette ressource n'existe pas."


class Forbidden(DomainError):
    code = "forbidden"
    status = 403
    default_message = "Vous n'avez pas le droit de faire cela."


class Gone(DomainError):
    code = "gone"
    status = 410
    default_message = "Cette ressource n'est plus disponible."


class Conflict(DomainError):
    code = "conflict"
    status = 409
    default_message = "Cette action entre en conflit avec l'état actuel."


class Unavailable(DomainError):
    code = "unavailable"
    status = 503
    default_message = "Ce service n'est pas disponible pour le moment."
