// Progressive enhancement only: every page works without JavaScript.
document.documentElement.classList.add("js");

// Tabs of the personal card: WAI-ARIA tabs with arrow keys; the chosen tab lives in the URL hash.
function setupTabs(root) {
  const tabs = Array.from(root.querySelectorAll('[role="tab"]'));
  const panels = tabs.map((tab) => document.getElementById(tab.getAttribute("aria-controls")));
  function select(index, focus) {
    tabs.forEach((tab, i) => {
      const active = i === index;
      tab.setAttribute("aria-selected", String(active));
      tab.tabIndex = active ? 0 : -1;
      panels[i].hidden = !active;
    });
    if (focus) tabs[index].focus();
    history.replaceState(null, "", "#" + tabs[index].getAttribute("aria-controls"));
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
  function selectFromHash() {
    const fromHash = tabs.findIndex((tab) => "#" + tab.getAttribute("aria-controls") === location.hash);
    select(fromHash >= 0 ? fromHash : 0, false);
  }
  window.addEventListener("hashchange", selectFromHash);
  selectFromHash();
}

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
