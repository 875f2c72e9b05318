"""The établissements list (/etablissements/): every school, university and lycée with its
formations, filtered by région, type and membership on the server. It is also the map's text
alternative: what the map shows, readable without a map or without JavaScript."""

from django.shortcuts import render
from django.urls import path

from .catalogue import etablissement_listing


def etablissements(request):
    return render(request, "frontend/etablissements.html", etablissement_listing(request.GET))


urlpatterns = [path("etablissements/", etablissements, name="etablissements")]
