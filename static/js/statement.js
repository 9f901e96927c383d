// Live preview of a summary statement while its graded levels are chosen.
// The server composes the saved statement; this only mirrors it before saving.
(function () {
  const preview = document.getElementById("statement-preview");
  const form = document.getElementById("statement-form");
  if (!preview || !form) return;
  const template = preview.dataset.template;
  const slot = /\{\s*([a-z][a-z0-9_]*)\s*:([^{}]*)\}/g;

  function compose() {
    const override = form.querySelector("textarea[name=override]").value.trim();
    if (override) return override;
    return template.replace(slot, function (_, name) {
      const select = form.querySelector('select[data-slot="' + name + '"]');
      return (select && select.value) || "[" + name + "]";
    });
  }

  // Whether any choice differs from what the page was served with.
  function changed() {
    const override = form.querySelector("textarea[name=override]");
    if (override.value !== override.defaultValue) return true;
    return Array.from(form.querySelectorAll("select[data-slot]")).some(function (select) {
      return Array.from(select.options).some(function (option) {
        return option.selected !== option.defaultSelected;
      });
    });
  }

  form.addEventListener("input", function () {
    preview.textContent = compose();
  });
  // Choices made before this script ran (a slow connection) show at once.
  if (changed()) preview.textContent = compose();
})();
