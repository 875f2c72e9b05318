// An event's class registration form, enhanced: it posts to the API (through api.js, which also
// carries the campaign) instead of reloading the page, shows each field's error next to it from
// the API's `fields`, announces the result in the page's live region and, when the last seats go,
// says that the event is full and that the next classes join the waiting list. Without this
// script the same form posts to the page, which registers the class on the server.

import { api, ApiError } from "/static/js/api.js";

const form = document.querySelector("form[data-inscription]");
if (form) enhance(form);

function enhance(form) {
  const result = document.getElementById("inscription-resultat");
  const alert = document.getElementById("inscription-erreur");
  const button = form.querySelector("button[type=submit]");
  // The API checks every field; its messages are shown next to them, in French.
  form.noValidate = true;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearErrors(form, alert);
    button.disabled = true;
    result.replaceChildren(paragraph("Inscription en cours…"));
    try {
      const answer = await api(form.dataset.inscription, { method: "POST", body: payload(form) });
      showResult(result, answer);
      showSeats(answer.places_restantes, button);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      result.replaceChildren();
      showErrors(form, alert, error);
    } finally {
      button.disabled = false;
    }
  });
}

function payload(form) {
  const value = (name) => form.elements[name].value.trim();
  const eleves = value("nombre_eleves");
  return {
    enseignant: { nom: value("enseignant_nom"), email: value("enseignant_email") },
    etablissement: value("etablissement"),
    niveau: value("niveau"),
    // A number when it reads as one; otherwise the API says what is expected.
    nombre_eleves: /^\d+$/.test(eleves) ? Number(eleves) : eleves,
  };
}

function paragraph(text, className) {
  const p = document.createElement("p");
  p.textContent = text;
  if (className) p.className = className;
  return p;
}

function showResult(result, answer) {
  const title =
    answer.statut === "confirmee"
      ? "Inscription confirmée"
      : `Votre classe est sur liste d'attente (rang ${answer.rang_liste_attente})`;
  result.replaceChildren(paragraph(title, "evt-resultat-titre"), paragraph(answer.message));
  result.focus();
}

function showSeats(left, button) {
  const seats = document.getElementById("evt-places");
  if (left > 0) {
    const s = left > 1 ? "s" : "";
    seats.textContent = `${left} place${s} restante${s} sur ${seats.dataset.capacite}`;
    return;
  }
  seats.textContent = "Complet : liste d'attente ouverte";
  seats.classList.add("evt-complet");
  document.getElementById("evt-complet").hidden = false;
  button.textContent = button.dataset.complet;
}

function fieldFor(form, name) {
  // The API names nested fields with dots ("enseignant.nom"); the form flattens them.
  return form.elements[name.replaceAll(".", "_")] || null;
}

function showErrors(form, alert, error) {
  const invalid = [];
  for (const [name, messages] of Object.entries(error.fields)) {
    const input = fieldFor(form, name);
    if (!input) continue;
    markInvalid(input, messages);
    invalid.push(input);
  }
  alert.textContent = invalid.length
    ? `${error.message} Corrigez ${invalid.length > 1 ? "les champs signalés" : "le champ signalé"}.`
    : error.message;
  alert.hidden = false;
  if (invalid.length) invalid[0].focus();
}

function markInvalid(input, messages) {
  const list = document.createElement("ul");
  list.className = "errorlist";
  list.id = `${input.id}_error`;
  for (const message of messages) {
    const item = document.createElement("li");
    item.textContent = message;
    list.append(item);
  }
  input.before(list);
  input.setAttribute("aria-invalid", "true");
  const described = (input.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
  if (!described.includes(list.id)) described.push(list.id);
  input.setAttribute("aria-describedby", described.join(" "));
}

function clearErrors(form, alert) {
  alert.hidden = true;
  alert.textContent = "";
  for (const list of form.querySelectorAll(".errorlist")) {
    const input = form.querySelector(`[aria-describedby~="${list.id}"]`);
    if (input) {
      input.removeAttribute("aria-invalid");
      const rest = input.getAttribute("aria-describedby").split(" ").filter((id) => id !== list.id);
      if (rest.length) input.setAttribute("aria-describedby", rest.join(" "));
      else input.removeAttribute("aria-describedby");
    }
    list.remove();
  }
}
