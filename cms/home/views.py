"""Views of the site itself that are not pages."""

from django.shortcuts import render


def locked_out(request, credentials, *args, **kwargs):
    """What django-axes answers after too many failed logins: a calm French page, 429."""
    return render(request, "home/locked_out.html", status=429)
