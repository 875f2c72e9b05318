"""The few calls the engine backend makes, for OpenSearch (opensearch-py) or Elasticsearch
(the elasticsearch client): elasticsearch-py refuses to talk to OpenSearch, so the client is
chosen by SEARCH_ENGINE while the request bodies (built with elasticsearch-dsl) stay the same."""

from importlib import import_module

from cms import errors


class EngineUnavailable(errors.Unavailable):
    """The engine could not be reached or refused the request (HTTP 503 from the API); the
    engine's own words stay in `detail`, for logs, never in a response."""

    default_message = "La recherche est indisponible pour le moment : réessaie dans un instant."

    def __init__(self, detail=""):
        super().__init__()
        self.detail = detail

    def __str__(self):
        return self.detail or self.message


class Transport:
    def __init__(self, url, engine="opensearch", timeout=10):
        self.engine = engine
        if engine == "opensearch":
            self._module = import_module("opensearchpy")
            self._helpers = import_module("opensearchpy.helpers")
            self.client = self._module.OpenSearch(hosts=[url], timeout=timeout, max_retries=0)
        elif engine == "elasticsearch":
            self._module = import_module("elasticsearch")
            self._helpers = import_module("elasticsearch.helpers")
            self.client = self._module.Elasticsearch(url, request_timeout=timeout, max_retries=0)
        else:
            raise ValueError(f"SEARCH_ENGINE must be opensearch or elasticsearch, not {engine!r}")
        self._errors = self._transport_errors()

    def _transport_errors(self):
        if self.engine == "opensearch":
            exceptions = import_module("opensearchpy.exceptions")
            return (exceptions.ConnectionError, exceptions.TransportError)
        transport = import_module("elastic_transport")
        return (transport.ConnectionError, self._module.ApiError, transport.TransportError)

    def call(self, method, *args, **kwargs):
        """Run one client call, turning every transport failure into EngineUnavailable."""
        try:
            return method(*args, **kwargs)
        except self._errors as error:
            raise EngineUnavailable(str(error)) from error

    def ping(self):
        try:
            return bool(self.client.ping())
        except self._errors:
            return False

    def search(self, index, body):
        return self.call(self.client.search, index=index, body=body)

    def bulk(self, actions, **options):
        return self.call(
            self._helpers.bulk,
            self.client,
            actions,
            chunk_size=1000,
            raise_on_error=True,
            **options,
        )

    def create_index(self, name, body):
        return self.call(self.client.indices.create, index=name, body=body)

    def delete_index(self, name):
        return self.call(self.client.indices.delete, index=name, ignore_unavailable=True)

    def refresh(self, index):
        return self.call(self.client.indices.refresh, index=index)

    def put_settings(self, index, settings):
        return self.call(self.client.indices.put_settings, index=index, body=settings)

    def indices_of_alias(self, alias):
        if not self.call(self.client.indices.exists_alias, name=alias):
            return []
        return sorted(self.call(self.client.indices.get_alias, name=alias))

    def indices_matching(self, pattern):
        response = self.call(self.client.indices.get, index=pattern, ignore_unavailable=True)
        return sorted(response)

    def update_aliases(self, actions):
        return self.call(self.client.indices.update_aliases, body={"actions": actions})
