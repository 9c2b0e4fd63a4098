// Progressive enhancement only: every page works without JavaScript.
document.documentElement.classList.add("js");

// Tabs of the personal card: WAI-ARIA tabs with arrow keys. The server renders the chosen tab's panel
// (?tab=…); the other panels carry hx-get and hx-trigger="tab-shown once", so htmx loads each the
// first time it is shown. The URL keeps the chosen tab, so a reload renders it with the page; a
// #slug link (or hash change) chooses a tab too.
function setupTabs(root) {
  const tabs = Array.from(root.querySelectorAll('[role="tab"]'));
  const panels = tabs.map((tab) => document.getElementById(tab.getAttribute("aria-controls")));
  function select(index, focus) {
    const lazy = panels[index].hasAttribute("hx-get");
    // Without htmx the panel cannot load here: open the card with the tab rendered by the server.
    if (lazy && !window.htmx) { location.assign(tabs[index].href); return; }
    tabs.forEach((tab, i) => {
      const active = i === index;
      tab.setAttribute("aria-selected", String(active));
      tab.tabIndex = active ? 0 : -1;
      panels[i].hidden = !active;
    });
    // process() is a no-op on a panel htmx has seen; it makes the trigger safe whichever script ran first.
    if (lazy) { htmx.process(panels[index]); htmx.trigger(panels[index], "tab-shown"); }
    if (focus) tabs[index].focus();
    history.replaceState(null, "", tabs[index].href);
  }
  tabs.forEach((tab, i) => {
    tab.addEventListener("click", (event) => { event.preventDefault(); select(i, false); });
    tab.addEventListener("keydown", (event) => {
      const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
      if (step) { event.preventDefault(); select((i + step + tabs.length) % tabs.length, true); }
      if (event.key === "Home") { event.preventDefault(); select(0, true); }
      if (event.key === "End") { event.preventDefault(); select(tabs.length - 1, true); }
    });
  });
  // A panel that failed to load offers the card with that tab rendered by the server instead.
  panels.forEach((panel, i) => {
    const failed = () => {
      const link = document.createElement("a");
      link.href = tabs[i].href;
      link.textContent = "Открыть раздел заново";
      const note = document.createElement("p");
      note.className = "empty";
      note.append("Раздел не загрузился. ", link);
      panel.replaceChildren(note);
    };
    panel.addEventListener("htmx:responseError", failed);
    panel.addEventListener("htmx:sendError", failed);
  });
  const fromHash = () => tabs.findIndex((tab) => "#" + tab.getAttribute("aria-controls") === location.hash);
  window.addEventListener("hashchange", () => { if (fromHash() >= 0) select(fromHash(), false); });
  const rendered = tabs.findIndex((tab) => tab.getAttribute("aria-selected") === "true");
  select(fromHash() >= 0 ? fromHash() : Math.max(rendered, 0), false);
}

// Behaviour that used to sit in on*= attributes, which the Content-Security-Policy refuses to run:
// <form data-confirm="Вопрос?"> asks before it is sent; <select data-autosubmit> sends its form on change.
// Delegated from the document, so forms that htmx swaps in work too.
document.addEventListener("submit", (event) => {
  const question = event.target.dataset && event.target.dataset.confirm;
  if (question && !window.confirm(question)) event.preventDefault();
});
document.addEventListener("change", (event) => {
  if (event.target.matches && event.target.matches("select[data-autosubmit]")) event.target.form.requestSubmit();
});

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-tabs]").forEach(setupTabs);
  // "/" jumps to the search field, as in most office tools.
  document.addEventListener("keydown", (event) => {
    const search = document.querySelector('input[type="search"]');
    if (event.key === "/" && search && !["INPUT", "SELECT", "TEXTAREA"].includes(document.activeElement.tagName)) {
      event.preventDefault();
      search.focus();
    }
  });
});

// The main menu's sections are <details>: opening one closes the others, a click elsewhere or Escape closes it.
(() => {
  const groups = () => Array.from(document.querySelectorAll("details[data-navgroup]"));
  document.addEventListener("toggle", (event) => {
    const opened = event.target;
    if (!opened.matches || !opened.matches("details[data-navgroup]") || !opened.open) return;
    groups().forEach((group) => { if (group !== opened) group.open = false; });
  }, true);
  document.addEventListener("click", (event) => {
    groups().forEach((group) => { if (group.open && !group.contains(event.target)) group.open = false; });
  });
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    groups().forEach((group) => {
      if (group.open) { group.open = false; group.querySelector("summary").focus(); }
    });
  });
})();
