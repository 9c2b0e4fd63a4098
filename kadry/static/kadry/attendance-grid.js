// The attendance grid (school/attendance/grid.html): keyboard marking, one key per student, arrows
// between rows; the whole class goes in one POST. Without JavaScript the radio buttons do the same.
(() => {
  const form = document.getElementById("attendance-form");
  if (!form) return;
  const rows = Array.from(form.querySelectorAll("tr[data-row]"));
  // By the letter (н/о/п, or latin n/l/p), and by the key where н/о/п sit on the Russian layout (Y/J/G),
  // so the keys work whatever layout is switched on.
  const KEYS = { "н": "absent", "n": "absent", "о": "late", "l": "late", "п": "present", "p": "present" };
  const CODES = { KeyY: "absent", KeyJ: "late", KeyG: "present" };
  const summary = document.getElementById("grid-summary");
  function refresh(row) {
    const checked = row.querySelector('input[type="radio"]:checked');
    const kind = checked ? checked.value : "present";
    row.dataset.kind = kind;
    row.className = row.className.replace(/\bkind-\w+/, "kind-" + kind);
  }
  function count() {
    const kinds = rows.map((row) => row.dataset.kind);
    const absent = kinds.filter((k) => k === "absent").length, late = kinds.filter((k) => k === "late").length;
    summary.textContent = `Отсутствуют: ${absent}, опоздали: ${late}, присутствуют: ${kinds.length - absent - late}.`;
  }
  function focusRow(index) {
    const row = rows[Math.max(0, Math.min(rows.length - 1, index))];
    row.focus();
    row.scrollIntoView({ block: "nearest" });
  }
  function setKind(row, kind) {
    row.querySelector(`input[type="radio"][value="${kind}"]`).checked = true;
    refresh(row);
    count();
  }
  rows.forEach((row, index) => {
    row.addEventListener("change", () => { refresh(row); count(); });
    row.addEventListener("keydown", (event) => {
      const target = event.target;
      const typing = target.tagName === "INPUT" && target.type === "text" || target.tagName === "SELECT";
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { event.preventDefault(); form.requestSubmit(); return; }
      if (event.key === "ArrowDown" || (event.key === "Enter" && target.tagName === "INPUT")) {
        if (target.tagName === "SELECT" && event.key === "ArrowDown") return;
        event.preventDefault(); focusRow(index + 1); return;
      }
      if (event.key === "ArrowUp" && target.tagName !== "SELECT") { event.preventDefault(); focusRow(index - 1); return; }
      if (typing || event.ctrlKey || event.altKey || event.metaKey) return;
      const kind = KEYS[event.key.toLowerCase()] || CODES[event.code];
      if (!kind) return;
      event.preventDefault();
      setKind(row, kind);
      if (kind === "late") { const minutes = row.querySelector(".minutes"); minutes.focus(); minutes.select(); }
      else focusRow(index + 1);
    });
  });
  count();
  if (rows.length) rows[0].focus();
})();
