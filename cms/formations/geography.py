"""Where in France a point lies, so that an establishment's location can be checked.

Bounding boxes are generous around each territory's coasts; a point must fall in the box of its
own région's territory (metropolitan France, or the overseas région itself).
"""

from .choices import Region

# (min_lat, max_lat, min_lon, max_lon)
METROPOLE = (41.3, 51.1, -5.2, 9.6)
OVERSEAS = {
    Region.GUADELOUPE: (15.8, 16.6, -61.9, -61.0),
    Region.MARTINIQUE: (14.3, 14.9, -61.3, -60.8),
    Region.GUYANE: (2.1, 5.8, -54.6, -51.6),
    Region.LA_REUNION: (-21.4, -20.8, 55.2, 55.9),
    Region.MAYOTTE: (-13.1, -12.6, 45.0, 45.3),
}


def _inside(box, lat, lon):
    min_lat, max_lat, min_lon, max_lon = box
    return min_lat <= lat <= max_lat and min_lon <= lon <= max_lon


def territory_of(lat, lon):
    """Return the overseas région containing the point, "metropole", or None outside France."""
    for region, box in OVERSEAS.items():
        if _inside(box, lat, lon):
            return region
    if _inside(METROPOLE, lat, lon):
        return "metropole"
    return None


def location_error(region, lat, lon):
    """Explain, in French for editors, why a point cannot be in that région; None if it can."""
    territory = territory_of(float(lat), float(lon))
    if territory is None:
        return "Ce point est en dehors de la France (métropole et outre-mer)."
    expected = region if region in OVERSEAS else "metropole"
    if territory != expected:
        label = Region(region).label
        return (
            f"Ce point ne se trouve pas dans la région choisie ({label}) : "
            "vérifie la latitude, la longitude et la région."
        )
    return None
