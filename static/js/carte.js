// The map of /carte/: France's régions drawn from the GeoJSON the server ships (tiles beneath
// them only where MAP_TILE_URL is configured), a marker per place of the server-rendered list,
// and the filters applied through GET /api/v1/carte/ without reloading the page. The list stays
// the text alternative: it is rebuilt from the same answer as the markers, and the number of
// places is announced in the form's status line.
import { api } from "./api.js";

const FRANCE = [[41.3, -5.3], [51.1, 9.7]];
const POINTS_ZOOM = 20; // the API's zoom from which every place is its own marker
const CONTENTS = ["etablissement", "evenement"];
const TYPE_LABELS = { etablissement: "Établissement", evenement: "Événement" };
const COLOURS = { etablissement: "#3d1aa8", evenement: "#a3330f" };
const reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)").matches;

const config = JSON.parse(document.getElementById("carte-config").textContent);
const form = document.querySelector("form.filters");
const status = document.querySelector(".count");
const list = document.querySelector("[data-carte-list]");

function lieuFromItem(item) {
  const title = item.querySelector(".carte-lieu__title");
  return {
    lat: Number(item.dataset.lat),
    lon: Number(item.dataset.lon),
    type: item.dataset.type,
    title: title.textContent.trim(),
  };
}

const NEAR_KM = 0.1; // the smallest radius the search takes around a point
const SAME_PLACE_KM = 0.005;

function lieu(contenu, slug, title, lat, lon) {
  const url = contenu === "evenement" ? `${config.evenements}${slug}/` : "";
  return { type: contenu, title, lat, lon, url };
}

// The places a marker stands for: itself, or those its address holds (two events in one hall),
// found by a search around it, so that the list names every place.
async function sameAddress(feature, contenu, filters, signal) {
  const { cluster, slug, title } = feature.properties;
  const [lon, lat] = feature.geometry.coordinates;
  if (!cluster) return [lieu(contenu, slug, title, lat, lon)];
  const params = {
    type: contenu,
    near: `${lat},${lon}`,
    radius_km: NEAR_KM,
    sort: "distance",
    page_size: 50,
    region: filters.region,
    niveau: filters.niveau,
  };
  const around = await api("recherche/", { params, signal });
  return around.results
    .filter((hit) => hit.distance_km !== null && hit.distance_km <= SAME_PLACE_KM)
    .map((hit) => lieu(contenu, hit.slug, hit.title, lat, lon));
}

// One request per contenu, as the server does: an event held at an établissement shares its
// coordinates, and each keeps its own name in the list.
async function findLieux(filters, signal) {
  const contents = filters.contenu ? [filters.contenu] : CONTENTS;
  const answers = await Promise.all(
    contents.map(async (contenu) => {
      const params = { ...filters, contenu, zoom: POINTS_ZOOM };
      const answer = await api("carte/", { params, signal });
      return Promise.all(
        answer.features.map((feature) => sameAddress(feature, contenu, filters, signal)),
      );
    }),
  );
  return answers.flat(2).sort((a, b) => a.title.localeCompare(b.title, "fr"));
}

function listItem(lieu) {
  const item = document.createElement("li");
  item.className = "carte-lieu";
  Object.assign(item.dataset, { lat: lieu.lat, lon: lieu.lon, type: lieu.type });
  const tag = document.createElement("span");
  tag.className = "tag";
  tag.textContent = TYPE_LABELS[lieu.type];
  const title = document.createElement(lieu.url ? "a" : "span");
  title.className = "carte-lieu__title";
  title.textContent = lieu.title;
  if (lieu.url) title.href = lieu.url;
  item.append(tag, " ", title);
  return item;
}

function countText(count, filtered) {
  const plural = count > 1 ? "s" : "";
  if (!filtered) return `${count} endroit${plural}`;
  if (count === 0) return "Aucun endroit ne correspond à tes filtres.";
  return `${count} endroit${plural} correspond${count > 1 ? "ent" : ""} à tes filtres.`;
}

function createMap() {
  const wrap = document.querySelector("[data-carte-map-wrap]");
  wrap.hidden = false;
  const map = window.L.map("carte-map", {
    zoomControl: false,
    zoomAnimation: !reducedMotion,
    fadeAnimation: !reducedMotion,
    markerZoomAnimation: !reducedMotion,
    minZoom: 2,
  });
  window.L.control.zoom({ zoomInTitle: "Zoomer", zoomOutTitle: "Dézoomer" }).addTo(map);
  map.attributionControl.setPrefix('<a href="https://leafletjs.com/">Leaflet</a>');
  map.fitBounds(FRANCE);
  if (config.tiles) {
    window.L.tileLayer(config.tiles, { attribution: config.tilesAttribution }).addTo(map);
  }
  return map;
}

// Beneath the markers whenever it arrives: its own pane under Leaflet's overlay pane (400).
async function drawRegions(map) {
  map.createPane("regions").style.zIndex = 350;
  let regions;
  try {
    const response = await fetch(config.regions);
    if (!response.ok) return;
    regions = await response.json();
  } catch {
    return; // the markers and the list do without the background
  }
  window.L.geoJSON(regions, {
    pane: "regions",
    interactive: false,
    attribution: config.regionsAttribution,
    style: {
      color: "#6b6785",
      weight: 1,
      fillColor: "#f3f0ff",
      fillOpacity: config.tiles ? 0 : 1,
    },
  }).addTo(map);
}

function popupContent(lieu) {
  const content = document.createElement("p");
  content.className = "carte-popup";
  const strong = document.createElement("strong");
  strong.textContent = lieu.title;
  content.append(strong, document.createElement("br"), TYPE_LABELS[lieu.type]);
  return content;
}

function drawMarkers(layer, lieux) {
  layer.clearLayers();
  for (const lieu of lieux) {
    window.L.circleMarker([lieu.lat, lieu.lon], {
      className: `carte-marker carte-marker--${lieu.type}`,
      radius: 7,
      weight: 2,
      color: "#fff",
      fillColor: COLOURS[lieu.type],
      fillOpacity: 1,
    })
      .bindPopup(popupContent(lieu))
      .addTo(layer);
  }
}

function showAll(map, layer) {
  const bounds = layer.getBounds();
  if (bounds.isValid()) map.fitBounds(bounds, { maxZoom: 9, padding: [24, 24], animate: !reducedMotion });
}

function chosenFilters() {
  return Object.fromEntries([...new FormData(form)].filter(([, value]) => value !== ""));
}

let pending;

async function refilter(map, layer) {
  const filters = chosenFilters();
  pending?.abort();
  pending = new AbortController();
  status.textContent = "Chargement…";
  try {
    const lieux = await findLieux(filters, pending.signal);
    list.replaceChildren(...lieux.map(listItem));
    drawMarkers(layer, lieux);
    showAll(map, layer);
    status.textContent = countText(lieux.length, Object.keys(filters).length > 0);
    const query = new URLSearchParams(filters).toString();
    window.history.replaceState(null, "", query ? `?${query}` : window.location.pathname);
  } catch (error) {
    if (error.name !== "AbortError") status.textContent = error.message;
  }
}

function start() {
  const map = createMap();
  const layer = window.L.featureGroup().addTo(map);
  drawRegions(map);
  drawMarkers(layer, [...list.children].map(lieuFromItem));
  if (Object.keys(chosenFilters()).length) showAll(map, layer);
  form.addEventListener("change", () => refilter(map, layer));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    refilter(map, layer);
  });
}

if (window.L && form && list) start();
