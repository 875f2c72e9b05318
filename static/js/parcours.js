// The parcours page: the token is read from the fragment (/parcours/#<token>), never from a
// query string, and sent only to API v1 (GET, PATCH, DELETE parcours/{token}/). The page shows
// the saved items by kind, removes them, copies the link and erases the whole parcours.

import { api } from "./api.js";
import {
  copyText,
  el,
  focusOn,
  forgetParcours,
  fragmentSecret,
  parcoursLink,
  patchParcours,
  rememberedParcours,
  rememberParcours,
} from "./orientation-ui.js";

const app = document.getElementById("parcours-app");
const $ = (id) => document.getElementById(id);
const status = $("parcours-etat");

function say(text) {
  status.textContent = text;
}

function itemNode(item, readOnly) {
  const title = item.title || "Un contenu qui n'est plus publié";
  const node = el(
    "li",
    { class: "parcours-item" },
    item.url ? el("a", { href: item.url, text: title }) : el("span", { text: title }),
  );
  if (!readOnly) {
    node.append(
      " ",
      el(
        "button",
        { type: "button", class: "button--ghost retirer", dataset: { type: item.type, ref: item.ref, title } },
        "Retirer ",
        el("span", { class: "visually-hidden", text: `« ${title} » de mon parcours` }),
      ),
    );
  }
  return node;
}

function render(parcours) {
  for (const section of app.querySelectorAll(".parcours-section")) {
    const items = parcours.items.filter((item) => item.type === section.dataset.kind);
    section.hidden = !items.length;
    section.querySelector("ul").replaceChildren(...items.map((item) => itemNode(item, parcours.read_only)));
  }
  $("parcours-vide").hidden = parcours.items.length > 0;
  $("parcours-effacer-bloc").hidden = parcours.read_only;
}

function showLink(token) {
  $("parcours-lien").value = parcoursLink(token, window.location.pathname);
  $("parcours-lien-bloc").hidden = false;
}

async function load() {
  let token = fragmentSecret();
  if (!token && rememberedParcours()) {
    token = rememberedParcours();
    window.history.replaceState(null, "", `#${token}`);
  }
  if (!token) {
    say("Aucun parcours n'est ouvert : ouvre le lien de ton parcours en entier (avec la partie après le #), ou commence-en un en passant le test.");
    $("parcours-vide").hidden = false;
    return;
  }
  say("Chargement de ton parcours…");
  try {
    const parcours = await api(`parcours/${encodeURIComponent(token)}/`);
    if (!parcours.read_only) rememberParcours(token);
    showLink(token);
    render(parcours);
    say(parcours.read_only ? "Ce parcours t'a été partagé : tu peux le consulter, pas le modifier." : "");
  } catch (failure) {
    say(failure.message);
  }
}

async function remove(event) {
  const button = event.target.closest("button.retirer");
  if (!button) return;
  const { type, ref, title } = button.dataset;
  button.disabled = true;
  try {
    render(await patchParcours(fragmentSecret(), { remove: [{ type, ref }] }));
    say(`« ${title} » a été retiré de ton parcours.`);
  } catch (failure) {
    button.disabled = false;
    say(failure.message);
  }
  focusOn(status);
}

async function erase() {
  if (!window.confirm("Effacer ton parcours et tout ce qu'il contient ? Ce n'est pas réversible.")) return;
  try {
    await api(`parcours/${encodeURIComponent(fragmentSecret())}/`, { method: "DELETE" });
  } catch (failure) {
    say(failure.message);
    return;
  }
  forgetParcours();
  window.history.replaceState(null, "", window.location.pathname);
  for (const section of app.querySelectorAll(".parcours-section")) section.hidden = true;
  $("parcours-lien-bloc").hidden = true;
  $("parcours-effacer-bloc").hidden = true;
  $("parcours-vide").hidden = false;
  say("Ton parcours a été effacé.");
  focusOn(status);
}

if (app) {
  app.addEventListener("click", remove);
  $("parcours-effacer").addEventListener("click", erase);
  $("parcours-copier").addEventListener("click", () => copyText($("parcours-lien"), status));
  window.addEventListener("hashchange", load);
  load();
}
