"""Page-number pagination: {count, next, previous, results}."""

from rest_framework.pagination import PageNumberPagination


class Pagination(PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100

    def get_paginated_response_schema(self, schema):
        """The same shape as DRF's, written for OpenAPI 3.1 (null as a type)."""
        link = {"type": ["string", "null"], "format": "uri"}
        return {
            "type": "object",
            "required": ["count", "next", "previous", "results"],
            "properties": {
                "count": {"type": "integer", "example": 25},
                "next": {**link, "example": "https://talentsdunumerique.fr/api/v1/metiers/?page=2"},
                "previous": link,
                "results": schema,
            },
        }
