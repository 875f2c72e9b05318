"""The domains that group the métiers du numérique, as students browse them."""

from django.db import models


class Domaine(models.TextChoices):
    DEVELOPPEMENT = "developpement", "Développement"
    DATA_IA = "data-ia", "Data & IA"
    CYBERSECURITE = "cybersecurite", "Cybersécurité"
    INFRASTRUCTURE_CLOUD = "infrastructure-cloud", "Infrastructure & cloud"
    DESIGN_PRODUIT = "design-produit", "Design & produit"
    GESTION_PROJET_CONSEIL = "gestion-projet-conseil", "Gestion de projet & conseil"
    SYSTEMES_EMBARQUES_ROBOTIQUE = "systemes-embarques-robotique", "Systèmes embarqués & robotique"
    MARKETING_DIGITAL = "marketing-digital", "Marketing digital"
    RECHERCHE = "recherche", "Recherche"
