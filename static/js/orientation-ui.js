// What the test, the parcours and the class pages share: building DOM nodes, the RIASEC profile
// bars, the secret read from the address's fragment, and the parcours of this visit.
//
// A parcours token is a secret: it travels only in the fragment of /parcours/#<token> (never a
// query string, so no server log sees it as a page address) and, for this tab only, in
// sessionStorage, so that the métiers a student keeps from the results go to one parcours.

import { api } from "./api.js";

const PARCOURS_KEY = "tdn-parcours";

export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === "text") node.textContent = value;
    else if (key === "dataset") Object.assign(node.dataset, value);
    else if (value !== undefined && value !== null && value !== false) node.setAttribute(key, value === true ? "" : value);
  }
  node.append(...children.filter((child) => child !== null && child !== undefined));
  return node;
}

export function readJson(id) {
  const node = document.getElementById(id);
  return node ? JSON.parse(node.textContent) : null;
}

export function fragmentSecret() {
  return window.location.hash.slice(1).trim();
}

export function prefersReducedMotion() {
  return window.matchMedia("(prefers-reduced-motion: reduce)").matches;
}

/** Focus a heading or message (made focusable) and bring it into view, gently if allowed. */
export function focusOn(node) {
  if (node.tabIndex < 0) node.setAttribute("tabindex", "-1"); // headings, messages; not fields
  node.focus({ preventScroll: true });
  node.scrollIntoView({ block: "start", behavior: prefersReducedMotion() ? "auto" : "smooth" });
}

/** One row per RIASEC dimension: its name, a bar for the eye, the score in words. */
export function renderProfile(list, profile, dimensions) {
  list.replaceChildren(
    ...dimensions.map(({ letter, label }) => {
      const bar = el("meter", { class: "profil-barre", min: 0, max: 100, value: profile[letter], "aria-hidden": "true" });
      return el(
        "li",
        {},
        el("span", { class: "profil-nom", text: `${label} (${letter})` }),
        " ",
        bar,
        " ",
        el("span", { class: "profil-score", text: `${profile[letter]} sur 100` }),
      );
    }),
  );
}

export function parcoursLink(token, parcoursUrl = "/parcours/") {
  return new URL(`${parcoursUrl}#${token}`, window.location.origin).toString();
}

export function rememberParcours(token) {
  try {
    window.sessionStorage.setItem(PARCOURS_KEY, token);
  } catch {
    // Storage refused (private browsing): the token stays in the page only.
  }
}

export function forgetParcours() {
  try {
    window.sessionStorage.removeItem(PARCOURS_KEY);
  } catch {
    // Nothing was kept.
  }
}

export function rememberedParcours() {
  try {
    return window.sessionStorage.getItem(PARCOURS_KEY);
  } catch {
    return null;
  }
}

/** Add one item to this visit's parcours, creating the parcours first if there is none. */
export async function addToParcours(type, ref, retried = false) {
  let token = rememberedParcours();
  if (!token) {
    token = (await api("parcours/", { method: "POST", body: {} })).token;
    rememberParcours(token);
  }
  try {
    await patchParcours(token, { add: [{ type, ref }] });
  } catch (error) {
    if (error.status !== 404 || retried) throw error;
    forgetParcours(); // erased meanwhile: start a new one
    return addToParcours(type, ref, true);
  }
  return token;
}

export function patchParcours(token, change) {
  return api(`parcours/${encodeURIComponent(token)}/`, { method: "PATCH", body: change });
}

/** Copy a text, and say so in `status`; without the clipboard API, select the field instead. */
export async function copyText(input, status) {
  try {
    await navigator.clipboard.writeText(input.value);
    status.textContent = "Lien copié. Garde-le précieusement !";
  } catch {
    input.focus();
    input.select();
    status.textContent = "Le lien est sélectionné : copie-le avec Ctrl+C (ou un appui long sur téléphone).";
  }
}
