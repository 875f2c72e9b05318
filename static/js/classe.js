// The teacher's page of the test's class mode. With a private link (/test/classe/#<token>, the
// token read from the fragment only), it shows the class's aggregate from
// GET test/classes/{token}/: nothing before the minimum number of results, then the mean
// profile and the métiers that come back most. Without a token, it opens a class
// (POST test/classes/): the code and the private link go to the teacher's e-mail only.

import { api } from "./api.js";
import { el, focusOn, fragmentSecret, readJson, renderProfile } from "./orientation-ui.js";

const $ = (id) => document.getElementById(id);
const status = $("classe-etat");
const DATE = new Intl.DateTimeFormat("fr-FR", { dateStyle: "long" });

function say(text) {
  status.textContent = text;
}

function plural(count, word) {
  return `${count} ${word}${count > 1 ? "s" : ""}`;
}

function showAggregate(classe) {
  $("classe-libelle").textContent = classe.libelle;
  $("classe-code").textContent = classe.code;
  const studentLink = new URL($("classe-lien-eleves").getAttribute("href"), window.location.origin);
  studentLink.searchParams.set("classe", classe.code);
  $("classe-lien-eleves").href = studentLink;
  $("classe-lien-eleves").textContent = studentLink.toString();
  $("classe-resultats").textContent = plural(classe.resultats, "résultat");
  $("classe-expire").textContent = `le ${DATE.format(new Date(`${classe.expire_le}T12:00:00`))}, avec tous ses résultats`;
  const waiting = $("classe-attente");
  waiting.hidden = classe.disponible;
  waiting.textContent = classe.disponible
    ? ""
    : `Pas encore assez de résultats pour afficher le profil de la classe : ${plural(classe.resultats, "élève")} sur ${classe.seuil} au minimum. Il en manque ${classe.seuil - classe.resultats}.`;
  $("classe-profil").hidden = !classe.disponible;
  if (classe.disponible) {
    $("classe-code-riasec").textContent = classe.code_riasec;
    $("classe-agreges").textContent = `Moyenne des ${classe.resultats_agreges} premiers résultats (sur ${classe.resultats} reçus).`;
    renderProfile($("classe-profil-liste"), classe.profil, readJson("riasec-data"));
    $("classe-metiers").replaceChildren(
      ...(classe.metiers.length
        ? classe.metiers.map((metier) =>
            el(
              "li",
              {},
              metier.url ? el("a", { href: metier.url, text: metier.title }) : metier.title,
              ` : conseillé à ${plural(metier.nombre, "élève")}`,
            ),
          )
        : [el("li", { text: "Aucun métier n'a encore été conseillé à deux élèves ou plus." })]),
    );
  }
  $("classe-detail").hidden = false;
}

async function load(token) {
  say("Chargement des résultats de la classe…");
  try {
    showAggregate(await api(`test/classes/${encodeURIComponent(token)}/`));
    say("");
  } catch (failure) {
    say(failure.message);
  }
}

async function erase() {
  if (!window.confirm("Effacer la classe et tous ses résultats maintenant ? Le code ne sera plus accepté.")) return;
  try {
    await api(`test/classes/${encodeURIComponent(fragmentSecret())}/`, { method: "DELETE" });
  } catch (failure) {
    say(failure.message);
    return;
  }
  $("classe-detail").hidden = true;
  window.history.replaceState(null, "", window.location.pathname);
  say("La classe et ses résultats ont été effacés.");
  focusOn(status);
}

function fieldError(form, fields) {
  for (const name of ["email", "libelle"]) {
    const input = form.elements[name];
    const message = (fields[name] || [])[0] || "";
    $(`ouvrir-${name}-erreur`).textContent = message;
    if (message) input.setAttribute("aria-invalid", "true");
    else input.removeAttribute("aria-invalid");
  }
}

async function open(event) {
  event.preventDefault();
  const form = event.currentTarget;
  const body = { email: form.elements.email.value.trim(), libelle: form.elements.libelle.value.trim() };
  const button = form.querySelector("button");
  button.disabled = true;
  try {
    const classe = await api("test/classes/", { method: "POST", body });
    fieldError(form, {});
    form.reset();
    say(
      `C'est fait : la classe « ${classe.libelle} » est ouverte avec le code ${classe.code}. ` +
        `Votre lien privé vers ses résultats vient de partir à ${body.email}.`,
    );
    focusOn(status);
  } catch (failure) {
    fieldError(form, failure.fields);
    say(failure.message);
    const invalid = form.querySelector('[aria-invalid="true"]');
    if (invalid) invalid.focus();
  } finally {
    button.disabled = false;
  }
}

function route() {
  const token = fragmentSecret();
  $("classe-ouvrir").hidden = Boolean(token);
  $("classe-detail").hidden = true;
  if (token) load(token);
  else say("");
}

$("classe-effacer").addEventListener("click", erase);
$("ouvrir-form").addEventListener("submit", open);
window.addEventListener("hashchange", route);
route();
