"""Who is asking: the client's address, trusted from X-Forwarded-For only through our proxies.

Reached directly, a client could write any X-Forwarded-For and choose its identity (and escape
every per-address limit). The header is read only when the connection comes from a trusted
proxy, configured by `TRUSTED_PROXIES`: a number of proxies in front of the app (like DRF's
NUM_PROXIES), or a comma-separated list of addresses and CIDR networks. Empty: no proxy, the
connection's address is the client's.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=4)
def trusted_proxies(setting):
    """(count, networks) from the setting: "2", or "10.0.0.0/8,127.0.0.1", or ""."""
    setting = (setting or "").strip()
    if not setting:
        return 0, ()
    if setting.isdigit():
        return int(setting), ()
    return 0, tuple(ipaddress.ip_network(part.strip(), strict=False) for part in setting.split(","))


def _address(value):
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def client_address(request):
    """The client's address as a string (the connection's when nothing is trusted)."""
    meta = getattr(request, "META", request)
    remote = meta.get("REMOTE_ADDR", "") or ""
    count, networks = trusted_proxies(settings.TRUSTED_PROXIES)
    forwarded = [
        part.strip() for part in meta.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()
    ]
    if count:
        # The proxies append what they saw: the client is `count` entries from the right.
        chain = [*forwarded, remote]
        return chain[-count - 1] if len(chain) > count else chain[0]
    if not networks:
        return remote
    chain = [*forwarded, remote]
    # From the right, skip our own proxies; the first address that is not one is the client.
    for hop in reversed(chain):
        address = _address(hop)
        if address is None:
            return hop
        if not any(address in network for network in networks):
            return hop
    return chain[0]
