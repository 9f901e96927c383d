// The Django admin, with the changes WCAG 2.2 AA asks of its own scripts (loaded by
// templates/admin/base_site.html, after the scripts of each page's form media, so the
// listeners here run after Django's own).
"use strict";

// SelectFilter2.js, the two-list widget of `filter_horizontal`, labels each list's filter box
// with an icon: a <span> carrying an aria-label, which ARIA does not allow on an element with
// no role, so assistive technology may drop the box's name (4.1.2; axe-core's
// aria-prohibited-attr). As an image, the icon names the box.
function appNameFilterIcons() {
  document.querySelectorAll(".search-label-icon[aria-label]:not([role])").forEach(function (icon) {
    icon.setAttribute("role", "img");
  });
}

// An autocomplete field (select2) replaces its <select> by a combobox named only by the
// choice it shows, so an empty one has no name at all (4.1.2; aria-input-field-name). Name it
// by the field's label and then its choice, or, in a table row, by the row's label
// (config/admin_base.py) and its choice.
function appNameAutocompletes(root) {
  root.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
    const container = select.nextElementSibling;
    const box = container && container.querySelector(".select2-selection");
    if (!box || !select.id || box.hasAttribute("data-app-named")) {
      return;
    }
    let name = document.querySelector('label[for="' + select.id + '"]');
    if (!name && select.getAttribute("aria-label")) {
      name = document.createElement("span");
      name.hidden = true;
      name.textContent = select.getAttribute("aria-label");
      container.appendChild(name);
    }
    if (!name) {
      return;
    }
    name.id = name.id || select.id + "-name";
    const shown = box.getAttribute("aria-labelledby");
    box.setAttribute("aria-labelledby", shown ? name.id + " " + shown : name.id);
    box.setAttribute("data-app-named", "");
    // The choice shown inside is a read-only textbox of its own: it gets the field's name too.
    const choice = box.querySelector(".select2-selection__rendered[role]");
    if (choice) {
      choice.setAttribute("aria-labelledby", name.id);
    }
  });
}

window.addEventListener("load", appNameFilterIcons);

// autocomplete.js starts its widgets when jQuery says the document is ready, which may come
// after the load event; a ready handler added after Django's runs after it.
if (window.django && window.django.jQuery) {
  window.django.jQuery(function () {
    appNameAutocompletes(document);
  });
}

// A row added to an inline ("Add another …") gets its autocomplete on this event.
document.addEventListener("formset:added", function (event) {
  appNameAutocompletes(event.target);
});
