"""The engine backend: Elasticsearch 8/9 or OpenSearch 2/3, with bodies built by
elasticsearch-dsl and sent through `search.transport`.

Each document type has an alias (`<prefix>-metier`...) over a versioned index; a rebuild loads a
new version and swaps the alias atomically, so searches never see an empty or half-built index.
"""

import html
import re
import time

from elasticsearch_dsl import A, Mapping, Q, Search

from ..analysis import engine_analyzers, fold
from ..documents import DOC_TYPES, FACETS, FIELD_BOOSTS, TYPE_WEIGHTS
from .base import Cluster, Hit, SearchBackend, SearchResults

HIGHLIGHT_FIELDS = ("accroche", "missions", "competences", "body", "villes")
# Highlighted too, to tell which words matched (the excerpt comes from HIGHLIGHT_FIELDS).
MATCH_FIELDS = ("title", "synonyms", "interets")
_MARK = re.compile(r"<mark>(.*?)</mark>")
EXCERPT_LENGTH = 160
FACET_SIZE = 50


def build_mapping():
    m = Mapping()
    keywords = ("id", "type", "slug", "domaine", "type_formation", "region", "statut",
                "type_etablissement", "formations")  # fmt: skip
    for name in keywords:
        m.field(name, "keyword")
    m.field("membre", "boolean")
    m.field("url", "keyword", index=False)
    m.field("niveau", "integer")
    m.field("type_rank", "integer")
    m.field("alternance", "boolean")
    m.field("location", "geo_point")
    m.field("spell", "text", analyzer="tdn_folded")
    for name in FIELD_BOOSTS:
        fields = {"folded": {"type": "text", "analyzer": "tdn_folded"}}
        if name in ("title", "synonyms"):
            fields["autocomplete"] = {
                "type": "text",
                "analyzer": "tdn_autocomplete",
                "search_analyzer": "tdn_folded",
            }
        if name == "title":
            fields["sort"] = {"type": "keyword"}
        copy_to = ["spell"] if name in ("title", "synonyms") else None
        m.field(
            name,
            "text",
            analyzer="tdn_french",
            search_analyzer="tdn_french_search",
            fields=fields,
            **({"copy_to": copy_to} if copy_to else {}),
        )
    return m


def index_body(synonyms, replicas=0):
    analysis = {}
    for an in engine_analyzers(synonyms).values():
        for section, definitions in an.get_analysis_definition().items():
            analysis.setdefault(section, {}).update(definitions)
    return {
        "settings": {
            "number_of_shards": 1,
            "number_of_replicas": replicas,
            "analysis": analysis,
            "max_result_window": 100_000,
        },
        "mappings": build_mapping().to_dict(),
    }


def text_query(q):
    return Q(
        "function_score",
        query=relevance_query(q),
        functions=[
            {"filter": {"term": {"type": doc_type}}, "weight": weight}
            for doc_type, weight in TYPE_WEIGHTS.items()
        ],
        boost_mode="multiply",
    )


def relevance_query(q):
    weighted = [f"{name}^{boost:g}" for name, boost in FIELD_BOOSTS.items()]
    # Typos are tolerated on the short, decisive fields only: fuzzy expansion on long texts
    # costs most of the query time for little gain.
    fuzzy_fields = ["title^6", "synonyms^4", "accroche^3"]
    return Q(
        "bool",
        should=[
            Q("multi_match", query=q, fields=weighted, type="most_fields"),
            Q(
                "multi_match",
                query=q,
                fields=fuzzy_fields,
                type="most_fields",
                fuzziness="AUTO",
                prefix_length=1,
                max_expansions=20,
            ),
            Q(
                "multi_match",
                query=q,
                fields=weighted,
                type="cross_fields",
                operator="and",
                boost=2,
            ),
            Q(
                "multi_match",
                query=q,
                fields=["title^8", "accroche^2", "body"],
                type="phrase",
                slop=2,
                boost=2,
            ),
            Q("multi_match", query=q, fields=["title.folded^3", "synonyms.folded^3"]),
        ],
        minimum_should_match=1,
    )


def facet_filter(facet, values):
    return Q("terms", **{facet: list(values)})


def normalise_key(facet, bucket):
    if facet in ("alternance", "membre"):
        return bucket.get("key_as_string", str(bucket["key"])) in ("true", "1")
    return bucket["key"]


class EngineBackend(SearchBackend):
    name = "engine"
    credible_score = 100.0

    def __init__(self, transport, prefix="tdn", replicas=0):
        self.transport = transport
        self.prefix = prefix
        self.replicas = replicas

    def alias(self, doc_type):
        return f"{self.prefix}-{doc_type}"

    def aliases(self, types=()):
        return ",".join(self.alias(t) for t in (types or DOC_TYPES))

    def ping(self):
        return self.transport.ping()

    # Indexing

    def ensure_indices(self, synonyms=(), types=DOC_TYPES):
        """Create an empty versioned index behind each missing alias (a first deployment that
        publishes before its first rebuild), with the project's analysis and mapping."""
        for doc_type in types:
            alias = self.alias(doc_type)
            if self._concrete_index_named(alias):
                # Left by an older version that let the engine create it: no analysis, no
                # mapping. Its documents are written again from the CMS by the sync or rebuild.
                self.transport.delete_index(alias)
            if not self.transport.indices_of_alias(alias):
                name = f"{self.alias(doc_type)}-v{time.time_ns()}"
                self.transport.create_index(name, index_body(synonyms, self.replicas))
                self.transport.update_aliases(
                    [{"add": {"index": name, "alias": self.alias(doc_type)}}]
                )

    def _concrete_index_named(self, alias):
        """Whether an index (not an alias) has the alias's name."""
        return alias in self.transport.indices_matching(alias) and not (
            self.transport.indices_of_alias(alias)
        )

    def _actions(self, index, documents):
        for doc in documents:
            yield {"_op_type": "index", "_index": index, "_id": doc["id"], "_source": doc}

    def rebuild(self, documents_by_type, synonyms=()):
        total = 0
        for doc_type, documents in documents_by_type.items():
            alias = self.alias(doc_type)
            new_index = f"{alias}-v{time.time_ns()}"
            body = index_body(synonyms, self.replicas)
            body["settings"]["refresh_interval"] = "-1"
            self.transport.create_index(new_index, body)
            try:
                loaded, _ = self.transport.bulk(self._actions(new_index, documents))
                self.transport.put_settings(new_index, {"index": {"refresh_interval": None}})
                self.transport.refresh(new_index)
            except Exception:
                self.transport.delete_index(new_index)  # never leave a half-built index behind
                raise
            total += loaded
            old_indices = [
                i for i in self.transport.indices_matching(f"{alias}-v*") if i != new_index
            ]
            actions = [
                {"remove": {"index": i, "alias": alias}}
                for i in self.transport.indices_of_alias(alias)
            ]
            if self._concrete_index_named(alias):
                # An index squats the alias's name (see ensure_indices): replaced atomically.
                actions.append({"remove_index": {"index": alias}})
            actions.append({"add": {"index": new_index, "alias": alias}})
            self.transport.update_aliases(actions)
            for index in old_indices:
                self.transport.delete_index(index)
        return total

    def index(self, documents):
        documents = list(documents)
        if not documents:
            return
        # require_alias: the engine never creates an index named like an alias (which would have
        # its dynamic mapping and none of our analysis); ensure_indices creates them properly.
        actions = [
            {
                "_op_type": "index",
                "_index": self.alias(d["type"]),
                "_id": d["id"],
                "_source": d,
                "require_alias": True,
            }
            for d in documents
        ]
        self.transport.bulk(actions)
        self.transport.refresh(self.aliases({d["type"] for d in documents}))

    def delete(self, doc_ids):
        doc_ids = list(doc_ids)
        if not doc_ids:
            return
        types = {doc_id.split(":", 1)[0] for doc_id in doc_ids}
        actions = [
            {"_op_type": "delete", "_index": self.alias(doc_id.split(":", 1)[0]), "_id": doc_id}
            for doc_id in doc_ids
        ]
        self.transport.bulk(actions, ignore_status=(404,))
        self.transport.refresh(self.aliases(types))

    # Searching

    def _base_search(self, request):
        q = request.cleaned_query()
        search = Search(index=self.aliases(request.types))
        search = search.query(text_query(q)) if q else search.query("match_all")
        if request.near:
            search = search.filter(
                "geo_distance",
                distance=f"{request.near.radius_km}km",
                location={"lat": request.near.lat, "lon": request.near.lon},
            )
        if request.bbox:
            box = request.bbox
            search = search.filter(
                "geo_bounding_box",
                location={
                    "top_left": {"lat": box.max_lat, "lon": box.min_lon},
                    "bottom_right": {"lat": box.min_lat, "lon": box.max_lon},
                },
            )
        return q, search

    def search_body(self, request):
        """The body `search` sends for this request (the benchmarks compare against it)."""
        q, search = self._base_search(request)
        active = {f: v for f, v in request.filters.items() if v}
        if active:
            search = search.post_filter(
                Q("bool", filter=[facet_filter(f, v) for f, v in active.items()])
            )
        for facet in FACETS:
            others = [facet_filter(f, v) for f, v in active.items() if f != facet]
            bucket = A("filter", Q("bool", filter=others))
            bucket.bucket("values", "terms", field=facet, size=FACET_SIZE)
            search.aggs.bucket(facet, bucket)
        if request.sort == "distance" and request.near:
            search = search.sort(
                {
                    "_geo_distance": {
                        "location": {"lat": request.near.lat, "lon": request.near.lon},
                        "order": "asc",
                        "unit": "km",
                        "mode": "min",
                    }
                }
            )
        elif q:
            search = search.sort("_score", "type_rank", "title.sort")
        else:
            search = search.sort("type_rank", "title.sort")
        search = search.highlight(
            *HIGHLIGHT_FIELDS, *MATCH_FIELDS, fragment_size=EXCERPT_LENGTH, number_of_fragments=1
        ).highlight_options(pre_tags=["<mark>"], post_tags=["</mark>"], encoder="html")
        if q:
            search = search.suggest(
                "spelling", q, term={"field": "spell", "suggest_mode": "always"}
            )
        search = search.extra(
            from_=request.offset, size=request.limit, track_total_hits=True, track_scores=True
        )
        return search.to_dict()

    def search(self, request):
        q = request.cleaned_query()
        response = self.transport.search(self.aliases(request.types), self.search_body(request))
        hits = response["hits"]
        total = hits["total"]["value"]
        results = [self._hit(h, request) for h in hits["hits"]]
        facets = {
            facet: [
                {"value": normalise_key(facet, b), "count": b["doc_count"]}
                for b in sorted(
                    response["aggregations"][facet]["values"]["buckets"],
                    key=lambda b: (-b["doc_count"], str(normalise_key(facet, b))),
                )
            ]
            for facet in FACETS
        }
        suggestion = self._suggestion(request, q) if q and total < 3 else None
        return SearchResults(q, total, results, facets, suggestion)

    def _hit(self, hit, request):
        source = hit["_source"]
        highlight = hit.get("highlight", {})
        fragment = next((highlight[f][0] for f in HIGHLIGHT_FIELDS if f in highlight), None)
        if fragment is None:
            fragment = html.escape(
                (source.get("accroche") or source.get("body") or "")[:EXCERPT_LENGTH]
            )
        distance = None
        if request.sort == "distance" and request.near:
            distance = round(hit["sort"][0], 2)
        marked = (
            m.lower()
            for field, fragments in highlight.items()
            if field != "body"
            for fragment in fragments
            for m in _MARK.findall(fragment)
        )
        return Hit(
            type=source["type"],
            slug=source["slug"],
            title=source["title"],
            url=source["url"],
            excerpt=fragment,
            matched=tuple(dict.fromkeys(fold(html.unescape(m)) for m in marked)),
            score=round(hit.get("_score") or 0.0, 4),
            distance_km=distance,
        )

    def _suggestion(self, request, q):
        """A spelling correction, asked for only when a search found almost nothing."""
        search = Search().suggest("spelling", q, term={"field": "spell", "suggest_mode": "always"})
        response = self.transport.search(
            self.aliases(request.types), search.extra(size=0).to_dict()
        )
        entries = response.get("suggest", {}).get("spelling", [])
        words, changed = [], False
        for entry in entries:
            options = entry.get("options", [])
            if options and options[0]["text"] != entry["text"]:
                words.append(options[0]["text"])
                changed = True
            else:
                words.append(entry["text"])
        return " ".join(words) if changed else None

    def suggest(self, q, limit=8):
        q = " ".join((q or "").split())[:100]
        if len(q) < 2:
            return []
        search = (
            Search()
            .query(
                "multi_match",
                query=q,
                fields=["title.autocomplete^2", "synonyms.autocomplete"],
                operator="and",
            )
            .sort("type_rank", "_score", "title.sort")
            .source(["type", "slug", "title"])
            .extra(size=limit)
        )
        response = self.transport.search(self.aliases(), search.to_dict())
        return [
            {
                "type": h["_source"]["type"],
                "slug": h["_source"]["slug"],
                "title": h["_source"]["title"],
            }
            for h in response["hits"]["hits"]
        ]

    def clusters(self, request, zoom):
        _, search = self._base_search(request)
        active = [facet_filter(f, v) for f, v in request.filters.items() if v]
        if active:
            search = search.filter(Q("bool", filter=active))
        grid = A(
            "geotile_grid", field="location", precision=max(0, min(int(zoom), 29)), size=10_000
        )
        grid.metric("centre", "geo_centroid", field="location")
        grid.metric("sample", "top_hits", size=1, _source=["slug", "title", "type"])
        search.aggs.bucket("tiles", grid)
        search = search.extra(size=0, track_total_hits=True)
        response = self.transport.search(self.aliases(request.types), search.to_dict())
        clusters = []
        for bucket in response["aggregations"]["tiles"]["buckets"]:
            centre = bucket["centre"]["location"]
            single = bucket["doc_count"] == 1
            sample = bucket["sample"]["hits"]["hits"][0]["_source"] if single else {}
            clusters.append(
                Cluster(
                    lat=round(centre["lat"], 5),
                    lon=round(centre["lon"], 5),
                    count=bucket["doc_count"],
                    slug=sample.get("slug"),
                    title=sample.get("title"),
                    type=sample.get("type"),
                )
            )
        clusters.sort(key=lambda c: (-c.count, c.lat, c.lon))
        return clusters
