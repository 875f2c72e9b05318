// A flow's steps are linked by choosing a step, not by typing its name: every "Étape suivante"
// text field (marked data-charly-step="next" by chatbot/blocks.py) becomes a list of the steps
// this flow has now, kept up to date as steps are added or renamed. The text field stays the
// value the form posts, so without JavaScript the editor types the name as before.

const KEY_INPUTS = '[data-charly-step="key"] input';
const NEXT_INPUTS = '[data-charly-step="next"] input';
const END_LABEL = "Fin du parcours";

function stepNames(form) {
  const names = [...form.querySelectorAll(KEY_INPUTS)].map((input) => input.value.trim());
  return [...new Set(names.filter(Boolean))];
}

function fillOptions(select, input) {
  const current = input.value.trim();
  const names = stepNames(input.form);
  const choices = [["", END_LABEL], ...names.map((name) => [name, name])];
  if (current && !names.includes(current)) {
    choices.push([current, `${current} (cette étape n'existe pas)`]);
  }
  select.replaceChildren(
    ...choices.map(([value, label]) => new Option(label, value, false, value === current)),
  );
}

function enhance(input) {
  if (input.dataset.charlyStepChooser || !input.form) return;
  input.dataset.charlyStepChooser = "on";
  const select = document.createElement("select");
  select.id = input.id;
  input.id = `${input.id}-nom`;
  input.type = "hidden";
  fillOptions(select, input);
  const refresh = () => fillOptions(select, input);
  select.addEventListener("focus", refresh);
  select.addEventListener("pointerdown", refresh);
  select.addEventListener("change", () => {
    input.value = select.value;
    input.dispatchEvent(new Event("change", { bubbles: true }));
  });
  input.after(select);
}

function enhanceAll(root) {
  if (root.matches?.(NEXT_INPUTS)) enhance(root);
  root.querySelectorAll?.(NEXT_INPUTS).forEach(enhance);
}

// A renamed step keeps the choices that pointed to it (the form posts the new name).
document.addEventListener("change", (event) => {
  if (!event.target.matches?.(KEY_INPUTS)) return;
  const before = event.target.dataset.charlyStepName;
  const after = event.target.value.trim();
  event.target.dataset.charlyStepName = after;
  if (!before || before === after) return;
  event.target.form.querySelectorAll(NEXT_INPUTS).forEach((input) => {
    if (input.value.trim() === before) input.value = after;
  });
  event.target.form.querySelectorAll("select").forEach((select) => {
    const input = select.previousElementSibling;
    if (input?.matches(NEXT_INPUTS)) fillOptions(select, input);
  });
});
document.addEventListener("focusin", (event) => {
  if (event.target.matches?.(KEY_INPUTS)) {
    event.target.dataset.charlyStepName = event.target.value.trim();
  }
});

new MutationObserver((mutations) => {
  mutations.forEach((mutation) => mutation.addedNodes.forEach(enhanceAll));
}).observe(document.body, { childList: true, subtree: true });
enhanceAll(document.body);
