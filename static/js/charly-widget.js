// Charly's chat bubble for any site: <script src="https://…/charly/widget.js"
// data-api="https://…" defer></script>. One self-contained classic script (a partner's page has
// neither our modules nor our styles): it draws into a Shadow DOM, so the page's CSS and ours
// never meet, and talks to API v1's Charly endpoints with a fetch of its own (anonymous, no
// cookie; the API answers partner origins, see docs/charly-widget.md). Accessible: a labelled
// button opens a modal dialog that keeps the focus until Escape or "Fermer", replies arrive in
// a polite live log, quick replies are buttons and cards are links to the fiches.
(() => {
  const script = document.currentScript;
  if (!script || document.querySelector("charly-widget")) return;
  const origin = new URL(script.dataset.api || script.src, window.location.href).origin;
  const endpoint = `${origin}/api/v1/charly/conversations/`;
  const campagne = script.dataset.campagne;
  const OFFLINE = "Charly ne répond pas pour le moment. Réessaie dans un instant.";
  const CARD_TYPES = { metier: "Métier", formation: "Formation", etablissement: "Établissement" };

  const host = document.createElement("charly-widget");
  const root = host.attachShadow({ mode: "open" });
  root.innerHTML = `<style>
:host{all:initial;position:fixed;right:1rem;bottom:1rem;z-index:2147483000}
.w{font:medium/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b2f;text-align:left}
:where(.w *){box-sizing:border-box;font:inherit;letter-spacing:normal}
[hidden]{display:none!important}
button,input{font-size:1em}
:focus-visible{outline:3px solid #1b1b2f;outline-offset:2px;box-shadow:0 0 0 5px #fff}
.bubble{display:flex;align-items:center;gap:.5em;border:0;border-radius:2em;padding:.75em 1.1em;background:#5b2ee0;color:#fff;font-weight:700;cursor:pointer;box-shadow:0 .2em .8em #0004}
.bubble svg{width:1.4em;height:1.4em;fill:currentColor}
.panel{position:fixed;right:1rem;bottom:1rem;width:min(24em,calc(100vw - 2rem));height:min(36em,calc(100vh - 2rem));display:flex;flex-direction:column;background:#fff;border:1px solid #c9c6d9;border-radius:.75em;box-shadow:0 .3em 1.5em #0005;overflow:hidden}
.head{display:flex;align-items:center;justify-content:space-between;gap:.5em;padding:.6em .9em;background:#3d1aa8;color:#fff}
h2{margin:0;font-size:1.05em;font-weight:700}
.close{border:0;background:none;color:#fff;font-size:1.6em;line-height:1;padding:0 .25em;cursor:pointer}
.log{flex:1;overflow-y:auto;padding:.75em;display:flex;flex-direction:column;gap:.6em}
.msg{max-width:90%;padding:.5em .75em;border-radius:.75em;white-space:pre-line}
.msg p{margin:0}
.bot{background:#f3f0ff;align-self:flex-start}
.me{background:#3d1aa8;color:#fff;align-self:flex-end}
.cards{list-style:none;margin:.5em 0 0;padding:0;display:grid;gap:.4em;white-space:normal}
.cards a,.cards span.card{display:block;padding:.5em .7em;border:1px solid #c9c6d9;border-radius:.5em;background:#fff;color:#3d1aa8;font-weight:700}
.cards small{display:block;color:#55556a;font-weight:400}
.replies{display:flex;flex-wrap:wrap;gap:.4em;padding:0 .75em .5em}
.replies button{border:2px solid #5b2ee0;background:#fff;color:#3d1aa8;border-radius:1.2em;padding:.3em .8em;cursor:pointer}
form{display:grid;gap:.3em;padding:.6em .75em;border-top:1px solid #c9c6d9}
label{font-weight:700;font-size:.9em}
.row{display:flex;gap:.4em}
input{flex:1;min-width:0;padding:.45em .6em;border:2px solid #55556a;border-radius:.4em;color:#1b1b2f;background:#fff}
form button{border:0;border-radius:.4em;padding:.45em .9em;background:#5b2ee0;color:#fff;font-weight:700;cursor:pointer}
.note{margin:0;font-size:.85em;color:#55556a}
.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@media (prefers-reduced-motion:no-preference){.bubble{transition:transform .15s}.bubble:hover{transform:scale(1.05)}}
</style>
<div class="w"><button class="bubble" type="button" aria-haspopup="dialog" aria-expanded="false" aria-controls="panel"><svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 3h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z"/></svg>Discuter avec Charly</button>
<div class="panel" id="panel" role="dialog" aria-modal="true" aria-labelledby="title" hidden>
<div class="head"><h2 id="title">Charly, ton guide des métiers du numérique</h2><button class="close" type="button" aria-label="Fermer la discussion">×</button></div>
<div class="log" role="log" aria-live="polite" aria-label="Messages de la discussion" tabindex="0"></div>
<div class="replies" role="group" aria-label="Réponses rapides"></div>
<form><label for="text">Ton message</label><div class="row"><input id="text" autocomplete="off" maxlength="500" required><button type="submit">Envoyer</button></div><p class="note">Pas besoin de donner ton nom : ne partage rien de personnel.</p></form>
</div></div>`;
  const $ = (selector) => root.querySelector(selector);
  const bubble = $(".bubble");
  const panel = $(".panel");
  const log = $(".log");
  const replies = $(".replies");
  const form = $("form");
  const input = $("input");
  let conversation = null;
  let busy = false;

  async function post(url, body) {
    let response;
    try {
      response = await fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify(body),
        credentials: "omit",
      });
    } catch {
      throw Object.assign(new Error(OFFLINE), { status: 0 });
    }
    const data = await response.json().catch(() => null);
    if (response.ok) return data;
    const message = (data && data.error && data.error.message) || OFFLINE;
    throw Object.assign(new Error(message), { status: response.status });
  }

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function card(item) {
    const li = el("li");
    const link = el(item.url ? "a" : "span", item.url ? "" : "card", item.title);
    if (item.url) {
      link.href = new URL(item.url, origin).href;
      link.target = "_blank";
      link.rel = "noopener";
      link.append(el("span", "vh", " (nouvel onglet)"));
    }
    link.prepend(el("small", "", CARD_TYPES[item.type] || "Fiche"));
    li.append(link);
    return li;
  }

  function say(who, text, cards = []) {
    const bubbleText = el("div", `msg ${who === "Charly" ? "bot" : "me"}`);
    const paragraph = el("p");
    paragraph.append(el("span", "vh", `${who} : `), text);
    bubbleText.append(paragraph);
    if (cards.length) {
      const list = el("ul", "cards");
      list.append(...cards.map(card));
      bubbleText.append(list);
    }
    log.append(bubbleText);
    log.scrollTop = log.scrollHeight; // the log only: the partner's page stays where it is
  }

  function offer(quickReplies) {
    replies.replaceChildren(
      ...quickReplies.map((reply) => {
        const button = el("button", "", reply.label);
        button.type = "button";
        button.addEventListener("click", () => send({ choice: reply.value }, reply.label));
        return button;
      }),
    );
  }

  function answer(messages) {
    for (const message of messages) say("Charly", message.text, message.cards || []);
    const last = messages[messages.length - 1];
    offer((last && last.quick_replies) || []);
  }

  async function start() {
    busy = true;
    try {
      const body = campagne ? { campagne } : {};
      const started = await post(endpoint, body);
      conversation = started.id;
      answer(started.messages);
    } catch (error) {
      say("Charly", error.message);
    } finally {
      busy = false;
    }
  }

  async function send(body, shown) {
    if (busy || !shown.trim()) return;
    if (!conversation) await start();
    if (!conversation) return;
    busy = true;
    say("Toi", shown);
    if (replies.contains(root.activeElement)) input.focus(); // the chosen reply goes away
    offer([]);
    try {
      answer((await post(`${endpoint}${conversation}/messages/`, body)).messages);
    } catch (error) {
      if (error.status === 404 || error.status === 410) conversation = null;
      say("Charly", error.status === 410 ? "Notre discussion avait expiré : on recommence !" : error.message);
      if (!conversation) {
        busy = false;
        await start();
      }
    } finally {
      busy = false;
    }
  }

  function focusables() {
    return [...root.querySelectorAll("button, a[href], input, [tabindex='0']")].filter(
      (node) => !node.disabled && node.getClientRects().length && panel.contains(node),
    );
  }

  function open() {
    panel.hidden = false;
    bubble.hidden = true;
    bubble.setAttribute("aria-expanded", "true");
    input.focus();
    if (!conversation && !busy) start();
  }

  function close() {
    panel.hidden = true;
    bubble.hidden = false;
    bubble.setAttribute("aria-expanded", "false");
    bubble.focus();
  }

  bubble.addEventListener("click", open);
  $(".close").addEventListener("click", close);
  panel.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      event.preventDefault();
      close();
    } else if (event.key === "Tab") {
      const nodes = focusables();
      const current = nodes.indexOf(root.activeElement);
      const next = (current + (event.shiftKey ? -1 : 1) + nodes.length) % nodes.length;
      event.preventDefault();
      nodes[next].focus();
    }
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (busy) return; // the text stays in the field until Charly has answered
    const text = input.value;
    input.value = "";
    send({ text }, text);
  });
  document.body.append(host);
})();
