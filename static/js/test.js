// The orientation test, one question at a time, on API v1: the questions come from
// GET test/, the answers stay in this page's memory until the student asks for the results
// (POST test/resultats/), and the results offer to keep métiers and formations in the parcours.
//
// Accessibility: each new question's heading gets the focus (so a screen reader reads it), the
// progress is a labelled <progress> and is announced in a polite live region, Enter validates a
// question, and scrolling is instant when the student prefers reduced motion.

import { api } from "./api.js";
import {
  addToParcours,
  copyText,
  el,
  focusOn,
  parcoursLink,
  readJson,
  renderProfile,
} from "./orientation-ui.js";

const app = document.getElementById("test-app");
const $ = (id) => document.getElementById(id);

const state = { test: null, answers: new Map(), index: 0, level: null, code: null };

function announce(text) {
  $("test-annonce").textContent = text;
}

function show(sectionId) {
  for (const id of ["test-debut", "test-questions", "test-resultats"]) $(id).hidden = id !== sectionId;
}

function checked(form, name) {
  return form.querySelector(`input[name="${name}"]:checked`);
}

// Start: the level chooses the questions' audience; the class code is checked on submission
// (a refused code brings the student back here, their answers kept, to correct it).

async function start(event) {
  event.preventDefault();
  const form = event.currentTarget;
  const level = checked(form, "level");
  state.level = level ? level.value : null;
  state.code = form.elements.code_classe.value.trim() || null;
  const error = $("debut-erreur");
  error.textContent = "";
  $("js-code-classe").removeAttribute("aria-invalid");
  if (state.resubmit) {
    state.resubmit = false;
    show("test-questions");
    submit();
    return;
  }
  try {
    state.test = await api("test/", { params: { audience: level ? level.dataset.audience : undefined } });
  } catch (failure) {
    error.textContent = failure.message;
    return;
  }
  state.answers.clear();
  state.index = 0;
  show("test-questions");
  showQuestion();
}

// Questions

function showQuestion() {
  const { questions } = state.test;
  const question = questions[state.index];
  const position = state.index + 1;
  $("progression-numero").textContent = position;
  $("progression-total").textContent = questions.length;
  $("progression").max = questions.length;
  $("progression").value = position;
  $("question-titre").textContent = question.text;
  $("question-erreur").textContent = "";
  const saved = state.answers.get(question.id);
  $("question-choix").replaceChildren(
    ...question.choices.map((choice) =>
      el(
        "label",
        { class: "choix-item" },
        el("input", {
          type: "radio",
          name: "reponse",
          value: choice.value,
          checked: saved === choice.value,
        }),
        ` ${choice.label}`,
      ),
    ),
  );
  $("precedent").hidden = state.index === 0;
  $("suivant").textContent = position === questions.length ? "Voir mes résultats" : "Question suivante";
  announce(`Question ${position} sur ${questions.length}`);
  focusOn($("question-titre"));
}

function next(event) {
  event.preventDefault();
  const choice = checked(event.currentTarget, "reponse");
  if (!choice) {
    $("question-erreur").textContent = "Choisis une réponse pour continuer (« Je ne sais pas » est une réponse aussi).";
    event.currentTarget.querySelector("input").focus();
    return;
  }
  const { questions } = state.test;
  state.answers.set(questions[state.index].id, Number(choice.value));
  if (state.index + 1 < questions.length) {
    state.index += 1;
    showQuestion();
  } else {
    submit();
  }
}

function previous() {
  state.index = Math.max(0, state.index - 1);
  showQuestion();
}

// Results

async function submit() {
  const button = $("suivant");
  button.disabled = true;
  announce("Calcul de tes résultats…");
  const body = { answers: Object.fromEntries(state.answers), version: state.test.version };
  if (state.level) body.level = state.level;
  if (state.code) body.code_classe = state.code;
  let results;
  try {
    results = await api("test/resultats/", { method: "POST", body });
  } catch (failure) {
    button.disabled = false;
    if (failure.fields.code_classe) return backToStart(failure.fields.code_classe[0]);
    $("question-erreur").textContent = failure.message;
    return undefined;
  }
  button.disabled = false;
  showResults(results);
  return undefined;
}

function backToStart(message) {
  show("test-debut");
  $("debut-erreur").textContent = `${message} Corrige-le ou efface-le, puis recommence : tes réponses sont gardées.`;
  $("js-code-classe").setAttribute("aria-invalid", "true");
  focusOn($("js-code-classe"));
  state.resubmit = true;
}

function showResults(results) {
  const classe = $("resultats-classe");
  classe.hidden = !results.classe;
  classe.textContent = results.classe
    ? `Ton résultat a été ajouté, sans ton nom ni tes réponses, à celui de la classe « ${results.classe} ».`
    : "";
  $("resultats-code").textContent = results.code;
  renderProfile($("resultats-profil"), results.profile, readJson("riasec-data"));
  $("resultats-metiers").replaceChildren(...results.metiers.map(metierItem));
  $("parcours-statut").replaceChildren();
  showFormations(results.formations);
  showList("bacs", results.bacs);
  showList("specialites", results.specialites);
  $("resultats-lycee").hidden = !results.bacs.length && !results.specialites.length;
  show("test-resultats");
  focusOn($("resultats-titre"));
}

function titleNode(item) {
  return item.url ? el("a", { href: item.url, text: item.title }) : document.createTextNode(item.title);
}

function addButton(type, item) {
  return el(
    "button",
    { type: "button", class: "button--ghost ajouter", dataset: { type, ref: item.slug, title: item.title } },
    "Ajouter ",
    el("span", { class: "visually-hidden", text: `« ${item.title} » ` }),
    "à mon parcours",
  );
}

function metierItem(metier) {
  return el(
    "li",
    { class: "metier" },
    el("h4", {}, titleNode(metier)),
    el("p", { class: "metier-score", text: `Proche de ton profil : ${metier.score} sur 100` }),
    el("ul", { class: "raisons" }, ...metier.raisons.map((raison) => el("li", { text: raison }))),
    addButton("metier", metier),
  );
}

function showFormations(formations) {
  const block = $("resultats-formations");
  block.hidden = !formations.length;
  block.querySelector("ul").replaceChildren(
    ...formations.map((formation) =>
      el(
        "li",
        { class: "formation" },
        titleNode(formation),
        formation.niveau ? ` (${formation.niveau}) ` : " ",
        addButton("formation", formation),
      ),
    ),
  );
}

function showList(name, items) {
  const line = document.querySelector(`#resultats-lycee [data-liste="${name}"]`);
  line.hidden = !items.length;
  line.querySelector("span").textContent = items.map((item) => item.title).join(", ");
}

// Keeping métiers and formations in the parcours

async function keep(event) {
  const button = event.target.closest("button.ajouter");
  if (!button || button.getAttribute("aria-disabled") === "true") return;
  const { type, ref, title } = button.dataset;
  const status = $("parcours-statut");
  button.setAttribute("aria-disabled", "true");
  try {
    const token = await addToParcours(type, ref);
    button.replaceChildren("Dans ton parcours ", el("span", { class: "visually-hidden", text: `: « ${title} »` }));
    button.classList.add("ajoute");
    showParcoursLink(status, token, `« ${title} » est dans ton parcours.`);
  } catch (failure) {
    button.removeAttribute("aria-disabled");
    status.replaceChildren(el("p", { class: "test-erreur", text: failure.message }));
  }
}

function showParcoursLink(status, token, message) {
  const link = parcoursLink(token, app.dataset.parcoursUrl);
  const input = el("input", { id: "parcours-lien", type: "text", readonly: true, value: link });
  const copied = el("span", { class: "copie-statut" });
  const copy = el("button", { type: "button", class: "button--ghost", text: "Copier le lien" });
  copy.addEventListener("click", () => copyText(input, copied));
  status.replaceChildren(
    el("p", { text: `${message} Son lien est la seule clé pour le retrouver : pas de compte, pas de nom. Garde-le !` }),
    el("p", { class: "parcours-lien" }, el("label", { for: "parcours-lien", text: "Le lien de ton parcours" }), input, copy, copied),
    el("p", {}, el("a", { href: link, text: "Ouvrir mon parcours" })),
  );
}

function restart() {
  state.answers.clear();
  state.resubmit = false;
  show("test-debut");
  focusOn($("debut-titre"));
}

if (app && readJson("riasec-data")) {
  app.hidden = false;
  $("debut-form").addEventListener("submit", start);
  $("question-form").addEventListener("submit", next);
  $("precedent").addEventListener("click", previous);
  $("resultats-metiers").addEventListener("click", keep);
  $("resultats-formations").addEventListener("click", keep);
  $("recommencer").addEventListener("click", restart);
}
