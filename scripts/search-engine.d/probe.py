#!/usr/bin/env python3
"""HTTP probes for scripts/search-engine (standard library only).

probe.py URL up                 exit 0 if anything answers GET / with JSON
probe.py URL whoami             print "<pid> <cluster_name> <distribution> <version>"
probe.py URL health [TIMEOUT]   wait for yellow, print the health JSON; exit 0 if green/yellow
probe.py URL status             print the health JSON and the version line; exit 0 if green/yellow
probe.py URL verify             prove French analysis and geo features work (else exit 1)
"""

import json
import os
import sys
import urllib.error
import urllib.request
from pathlib import Path

# The project's own list of elided articles (plain data, no dependency to install first).
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from search.french import ELISION_ARTICLES

PROBE_INDEX = f"tdn-search-engine-probe-{os.getpid()}"


class ProbeError(Exception):
    pass


def call(base, method, path, body=None, timeout=30):
    """Return (status, parsed JSON or raw text)."""
    data = None
    headers = {"Accept": "application/json"}
    if body is not None:
        data = json.dumps(body).encode("utf-8")
        headers["Content-Type"] = "application/json"
    req = urllib.request.Request(base + path, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            status, raw = resp.status, resp.read()
    except urllib.error.HTTPError as exc:
        status, raw = exc.code, exc.read()
    text = raw.decode("utf-8", "replace")
    try:
        return status, json.loads(text)
    except ValueError:
        return status, text


def show(value):
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, indent=1)


def check(name, ok, method, path, body, status, response, expected=None):
    if ok:
        return
    lines = ["CHECK FAILED: " + name, f"request: {method} {path}"]
    if body is not None:
        lines.append("body: " + json.dumps(body, ensure_ascii=False))
    if expected is not None:
        lines.append("expected: " + expected)
    lines.append(f"response (HTTP {status}):")
    lines.append(show(response))
    raise ProbeError("\n".join(lines))


def req_ok(base, name, method, path, body=None, timeout=60):
    status, resp = call(base, method, path, body, timeout)
    check(
        name,
        200 <= status < 300 and isinstance(resp, dict),
        method,
        path,
        body,
        status,
        resp,
        "HTTP 2xx with a JSON object",
    )
    return resp


def tokens(base, name, body, expected):
    resp = req_ok(base, name, "POST", "/_analyze", body)
    got = [t.get("token") for t in resp.get("tokens", [])]
    check(name, got == expected, "POST", "/_analyze", body, 200, resp, f"tokens {expected}")
    return got


def verify(base):
    done = []

    # 1. It is OpenSearch 2.19.
    root = req_ok(base, "GET /", "GET", "/")
    version = root.get("version", {})
    check(
        "distribution is opensearch",
        version.get("distribution") == "opensearch",
        "GET",
        "/",
        None,
        200,
        root,
        'version.distribution == "opensearch"',
    )
    check(
        "version 2.19.x",
        str(version.get("number", "")).startswith("2.19."),
        "GET",
        "/",
        None,
        200,
        root,
        "version.number 2.19.x",
    )
    done.append("opensearch {}".format(version.get("number")))

    # 2. The modules the checks below depend on are registered.
    path = "/_nodes/_local/plugins?filter_path=nodes.*.plugins.name"
    resp = req_ok(base, "node plugins", "GET", path)
    names = {p.get("name") for n in resp.get("nodes", {}).values() for p in n.get("plugins", [])}
    wanted = {
        "org.opensearch.analysis.common.CommonAnalysisPlugin",
        "org.opensearch.geo.GeoModulePlugin",
    }
    check(
        "analysis-common and geo modules loaded",
        wanted <= names,
        "GET",
        path,
        None,
        200,
        resp,
        f"plugins include {sorted(wanted)}",
    )
    done.append("modules analysis-common+geo")

    text = "L'église des développeuses"
    # 3. Built-in french analyzer: elision of l', stop word "des" dropped, light French stemming.
    tokens(base, "analyzer french", {"analyzer": "french", "text": text}, ["eglis", "developeu"])
    done.append("french analyzer")

    # 4. Inline custom chain: elision, lowercase, asciifolding, light_french stemmer.
    elision = {"type": "elision", "articles_case": True, "articles": ELISION_ARTICLES}
    chain = ["lowercase", "asciifolding", {"type": "stemmer", "language": "light_french"}]
    tokens(
        base,
        "custom chain (elision, lowercase, asciifolding, light_french)",
        {"tokenizer": "standard", "filter": [elision, *chain], "text": text},
        ["eglis", "des", "developeu"],
    )
    done.append("elision+asciifolding+light_french")

    # 5. edge_ngram token filter.
    tokens(
        base,
        "edge_ngram filter",
        {
            "tokenizer": "standard",
            "filter": [
                "lowercase",
                "asciifolding",
                {"type": "edge_ngram", "min_gram": 2, "max_gram": 5},
            ],
            "text": "Cybersécurité",
        },
        ["cy", "cyb", "cybe", "cyber"],
    )
    done.append("edge_ngram")

    # 6. synonym token filter (inline rules).
    tokens(
        base,
        "synonym filter",
        {
            "tokenizer": "standard",
            "filter": ["lowercase", {"type": "synonym", "synonyms": ["cyber => cybersecurite"]}],
            "text": "Cyber attaque",
        },
        ["cybersecurite", "attaque"],
    )
    done.append("synonym")

    # 7. The same filters declared in index settings, plus geo: a throwaway index.
    idx = "/" + PROBE_INDEX
    settings = {
        "settings": {
            "number_of_shards": 1,
            "number_of_replicas": 0,
            "analysis": {
                "filter": {
                    "fr_elision": elision,
                    "fr_stem": {"type": "stemmer", "language": "light_french"},
                    "fr_syn": {"type": "synonym", "synonyms": ["cyber => cybersecurite"]},
                    "fr_edge": {"type": "edge_ngram", "min_gram": 2, "max_gram": 15},
                },
                "analyzer": {
                    "fr_text": {
                        "type": "custom",
                        "tokenizer": "standard",
                        "filter": ["fr_elision", "lowercase", "asciifolding", "fr_syn", "fr_stem"],
                    },
                    "fr_prefix": {
                        "type": "custom",
                        "tokenizer": "standard",
                        "filter": ["fr_elision", "lowercase", "asciifolding", "fr_edge"],
                    },
                },
            },
        },
        "mappings": {
            "properties": {
                "title": {
                    "type": "text",
                    "analyzer": "fr_text",
                    "fields": {
                        "prefix": {
                            "type": "text",
                            "analyzer": "fr_prefix",
                            "search_analyzer": "standard",
                        }
                    },
                },
                "location": {"type": "geo_point"},
                "area": {"type": "geo_shape"},
            }
        },
    }
    try:
        req_ok(base, "create probe index", "PUT", idx, settings)
        doc = {
            "title": "L'église des développeuses cyber",
            "location": {"lat": 48.8566, "lon": 2.3522},
            "area": {"type": "point", "coordinates": [2.3522, 48.8566]},
        }
        req_ok(base, "index probe doc", "PUT", idx + "/_doc/1?refresh=true", doc)

        def hits(name, body, expected):
            resp = req_ok(base, name, "POST", idx + "/_search", body)
            total = resp.get("hits", {}).get("total", {}).get("value")
            check(
                name,
                total == expected,
                "POST",
                idx + "/_search",
                body,
                200,
                resp,
                f"{expected} hit(s)",
            )
            return resp

        hits(
            "match with index analyzer (stem+asciifolding)",
            {"query": {"match": {"title": "Developpeuse EGLISES"}}},
            1,
        )
        hits("match through index synonym", {"query": {"match": {"title": "cybersecurite"}}}, 1)
        hits("prefix field (edge_ngram)", {"query": {"match": {"title.prefix": "devel"}}}, 1)
        done.append("index analyzers")

        body = {
            "size": 0,
            "aggs": {
                "tiles": {"geotile_grid": {"field": "location", "precision": 8}},
                "shape_tiles": {"geotile_grid": {"field": "area", "precision": 8}},
            },
        }
        resp = hits("geotile_grid aggregation", body, 1)
        aggs = resp.get("aggregations", {})
        for agg in ("tiles", "shape_tiles"):
            buckets = aggs.get(agg, {}).get("buckets", [])
            check(
                f"geotile_grid aggregation ({agg})",
                [(b.get("key"), b.get("doc_count")) for b in buckets] == [("8/129/88", 1)],
                "POST",
                idx + "/_search",
                body,
                200,
                resp,
                'one bucket "8/129/88" with doc_count 1',
            )
        done.append("geotile_grid (geo_point+geo_shape)")

        near = {"lat": 48.86, "lon": 2.35}
        hits(
            "geo_distance query (10km, inside)",
            {
                "query": {
                    "bool": {"filter": {"geo_distance": {"distance": "10km", "location": near}}}
                }
            },
            1,
        )
        hits(
            "geo_distance query (Lyon, 10km, outside)",
            {
                "query": {
                    "bool": {
                        "filter": {
                            "geo_distance": {
                                "distance": "10km",
                                "location": {"lat": 45.76, "lon": 4.84},
                            }
                        }
                    }
                }
            },
            0,
        )
        done.append("geo_distance")
    finally:
        status, resp = call(base, "DELETE", idx)
        if status not in (200, 404):
            sys.stderr.write(f"warning: could not delete {idx}: HTTP {status} {show(resp)}\n")
    return done


def main(argv):
    if len(argv) < 3:
        sys.stderr.write(__doc__)
        return 64
    base, cmd = argv[1].rstrip("/"), argv[2]
    try:
        if cmd == "up":
            _, resp = call(base, "GET", "/", timeout=5)
            return 0 if isinstance(resp, dict) else 1
        if cmd == "whoami":
            _, root = call(base, "GET", "/", timeout=10)
            path = "/_nodes/_local/process?filter_path=nodes.*.process.id"
            _status2, resp = call(base, "GET", path, timeout=10)
            if not isinstance(root, dict) or not isinstance(resp, dict):
                return 1
            pids = [n.get("process", {}).get("id") for n in resp.get("nodes", {}).values()]
            version = root.get("version", {})
            print(
                pids[0] if pids else "unknown",
                root.get("cluster_name", "unknown"),
                version.get("distribution", "unknown"),
                version.get("number", "unknown"),
            )
            return 0
        if cmd in ("health", "status"):
            timeout = argv[3] if len(argv) > 3 else "60s"
            path = "/_cluster/health?wait_for_status=yellow&timeout=" + timeout
            _, resp = call(base, "GET", path, timeout=120)
            print(show(resp) if cmd == "health" else json.dumps(resp, ensure_ascii=False))
            healthy = (
                isinstance(resp, dict)
                and resp.get("status") in ("green", "yellow")
                and not resp.get("timed_out", False)
            )
            if cmd == "status":
                _status, root = call(base, "GET", "/", timeout=10)
                if isinstance(root, dict):
                    v = root.get("version", {})
                    print(
                        "version: {} {} (lucene {}), cluster {}, node {}".format(
                            v.get("distribution", "elasticsearch"),
                            v.get("number"),
                            v.get("lucene_version"),
                            root.get("cluster_name"),
                            root.get("name"),
                        )
                    )
            return 0 if healthy else 1
        if cmd == "verify":
            done = verify(base)
            print("checks passed: " + ", ".join(done))
            return 0
    except ProbeError as exc:
        print(str(exc))
        return 1
    except (OSError, urllib.error.URLError) as exc:
        print(f"cannot reach {base}: {exc}")
        return 1
    sys.stderr.write(f"unknown command {cmd!r}\n{__doc__}")
    return 64


if __name__ == "__main__":
    sys.exit(main(sys.argv))
