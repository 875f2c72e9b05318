"""Where a webhook may go, and how it is sent there: to public addresses only (no SSRF).

An endpoint's host is resolved when it is saved and again at every attempt, and the request is
sent to the very address that was checked (the host name still serves TLS's name check), so a
DNS answer that changes in between cannot redirect it to the inside. Loopback, private,
link-local (cloud metadata at 169.254.169.254), reserved and multicast addresses are refused,
unless an operator allows a network on purpose (`WEBHOOK_ALLOWED_NETWORKS`). Each attempt has a
total deadline: a receiver that trickles its answer a byte at a time is cut off. Failures are
reported in one generic phrase, so the delivery log never tells open ports from closed ones.
"""

import contextlib
import http.client
import ipaddress
import socket
import ssl
import threading
from functools import lru_cache
from urllib.parse import urlsplit

from django.conf import settings

GENERIC_FAILURE = "Le destinataire n'a pas pu être joint ou n'a pas répondu à temps."


class UnsafeDestination(ValueError):
    """The URL leads (or now leads) to an address webhooks may not reach."""


class DeliveryFailed(Exception):
    """The attempt failed; its message is the generic one, whatever happened."""

    def __init__(self):
        super().__init__(GENERIC_FAILURE)


@lru_cache(maxsize=4)
def _allowed_networks(setting):
    return tuple(
        ipaddress.ip_network(part.strip(), strict=False)
        for part in setting.split(",")
        if part.strip()
    )


def is_public(address):
    ip = ipaddress.ip_address(address)
    if any(ip in network for network in _allowed_networks(settings.WEBHOOK_ALLOWED_NETWORKS)):
        return True
    return ip.is_global and not ip.is_multicast


def destination(url):
    """(scheme, host, port, address) for a URL whose host resolves to public addresses only."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UnsafeDestination("L'adresse doit commencer par https:// et nommer un serveur.")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        found = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise UnsafeDestination("Ce nom de serveur est introuvable.") from error
    addresses = list(dict.fromkeys(info[4][0] for info in found))
    if not addresses or not all(is_public(address) for address in addresses):
        raise UnsafeDestination(
            "Cette adresse mène à un réseau interne (local, privé ou réservé) : les webhooks ne "
            "peuvent joindre que des serveurs publics."
        )
    return parts.scheme, parts.hostname, port, addresses[0]


def post(url, body, headers, timeout, deadline):
    """POST `body` to `url` at the address checked now; the status code, or DeliveryFailed.

    `timeout` bounds each network operation, `deadline` the whole attempt.
    """
    scheme, host, port, address = destination(url)
    parts = urlsplit(url)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        raw = socket.create_connection((address, port), timeout=timeout)
    except OSError as error:
        raise DeliveryFailed() from error
    watchdog = threading.Timer(deadline, _cut, args=(raw,))
    watchdog.daemon = True
    watchdog.start()
    connection = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        if scheme == "https":
            connection.sock = ssl.create_default_context().wrap_socket(raw, server_hostname=host)
        else:
            connection.sock = raw
        connection.request("POST", path, body=body, headers=headers)
        return connection.getresponse().status
    except (OSError, http.client.HTTPException) as error:
        raise DeliveryFailed() from error
    finally:
        watchdog.cancel()
        connection.close()
        raw.close()


def _cut(sock):
    """The deadline passed: end the attempt, whatever the receiver is doing."""
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
