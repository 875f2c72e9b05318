// Autocomplete for every search field marked `data-autocomplete` (the header's and the search
// page's). Without this script the fields are plain search forms that the server answers; with
// it, they become ARIA 1.2 comboboxes: suggestions from GET /api/v1/recherche/suggestions/ in a
// listbox, arrows to move (aria-activedescendant: the focus stays in the field), Enter to
// choose, Escape to close, and the number of suggestions announced in a polite live region.
import { api } from "./api.js";

const MIN_LENGTH = 2;
const DELAY_MS = 150;
const LIMIT = 6;
const TYPE_LABELS = {
  metier: "métier",
  formation: "formation",
  etablissement: "établissement",
  page: "page",
  faq: "question",
  evenement: "événement",
  terme: "mot",
};

let counter = 0;

function liveRegion() {
  let region = document.getElementById("autocomplete-status");
  if (!region) {
    region = document.createElement("div");
    region.id = "autocomplete-status";
    region.className = "visually-hidden";
    region.setAttribute("role", "status");
    document.body.append(region);
  }
  return region;
}

function option(listId, index, item) {
  const li = document.createElement("li");
  li.id = `${listId}-${index}`;
  li.setAttribute("role", "option");
  li.setAttribute("aria-selected", "false");
  li.dataset.title = item.title;
  const title = document.createElement("span");
  title.textContent = item.title;
  const type = document.createElement("small");
  type.textContent = TYPE_LABELS[item.type] || "";
  li.append(title, type);
  return li;
}

class Combobox {
  constructor(input) {
    counter += 1;
    this.input = input;
    this.form = input.form;
    this.list = document.createElement("ul");
    this.list.id = `suggestions-${counter}`;
    this.list.className = "combobox-list";
    this.list.setAttribute("role", "listbox");
    this.list.setAttribute("aria-label", "Suggestions");
    this.list.hidden = true;
    input.parentElement.style.position = "relative";
    input.after(this.list);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", this.list.id);
    this.active = -1;
    this.timer = null;
    this.request = null;
    input.addEventListener("input", () => this.schedule());
    input.addEventListener("keydown", (event) => this.onKey(event));
    input.addEventListener("blur", () => this.close());
    // mousedown, not click: choosing must happen before the field loses its focus.
    this.list.addEventListener("mousedown", (event) => {
      const li = event.target.closest('[role="option"]');
      if (!li) return;
      event.preventDefault();
      this.choose(li);
    });
  }

  get options() {
    return [...this.list.querySelectorAll('[role="option"]')];
  }

  schedule() {
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => this.fetch(), DELAY_MS);
  }

  async fetch() {
    const q = this.input.value.trim();
    if (this.request) this.request.abort();
    if (q.length < MIN_LENGTH) {
      this.close();
      return;
    }
    this.request = new AbortController();
    try {
      const items = await api("recherche/suggestions/", {
        params: { q, limit: LIMIT },
        signal: this.request.signal,
      });
      this.show(items);
    } catch (error) {
      // An autocomplete that fails stays silent: the form still searches on Enter.
      if (error.name !== "AbortError") this.close();
    }
  }

  show(items) {
    this.list.replaceChildren(...items.map((item, index) => option(this.list.id, index, item)));
    this.active = -1;
    this.input.removeAttribute("aria-activedescendant");
    const open = items.length > 0 && document.activeElement === this.input;
    this.list.hidden = !open;
    this.input.setAttribute("aria-expanded", String(open));
    liveRegion().textContent = open
      ? `${items.length} suggestion${items.length > 1 ? "s" : ""}, flèches haut et bas pour choisir.`
      : "";
  }

  close() {
    this.list.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
    this.input.removeAttribute("aria-activedescendant");
    this.active = -1;
  }

  move(step) {
    const options = this.options;
    if (!options.length) return;
    if (this.list.hidden) {
      this.list.hidden = false;
      this.input.setAttribute("aria-expanded", "true");
    }
    this.active = (this.active + step + options.length + 1) % (options.length + 1);
    if (this.active === options.length) this.active = -1;
    options.forEach((li, index) => li.setAttribute("aria-selected", String(index === this.active)));
    if (this.active < 0) {
      this.input.removeAttribute("aria-activedescendant");
      return;
    }
    const current = options[this.active];
    this.input.setAttribute("aria-activedescendant", current.id);
    current.scrollIntoView({ block: "nearest" });
  }

  choose(li) {
    this.input.value = li.dataset.title;
    this.close();
    this.form.requestSubmit();
  }

  onKey(event) {
    const open = !this.list.hidden;
    if (event.key === "ArrowDown") {
      event.preventDefault();
      this.move(1);
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      this.move(-1);
    } else if (event.key === "Enter" && open && this.active >= 0) {
      event.preventDefault();
      this.choose(this.options[this.active]);
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      this.close();
    } else if (event.key === "Tab") {
      this.close();
    }
  }
}

for (const input of document.querySelectorAll("input[data-autocomplete]")) {
  if (input.form) new Combobox(input);
}
