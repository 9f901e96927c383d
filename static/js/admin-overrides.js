// The Django admin, with the one change WCAG 2.2 AA asks of its own scripts (loaded by
// templates/admin/base_site.html).
//
// SelectFilter2.js, the two-list widget of `filter_horizontal`, labels each list's filter box
// with an icon: a <span> carrying an aria-label, which ARIA does not allow on an element with
// no role, so assistive technology may drop the box's name (4.1.2; axe-core's
// aria-prohibited-attr). As an image, the icon names the box. Django builds the widget on the
// window's load event; this listener is added after Django's, so it runs after it.
window.addEventListener("load", function () {
  document.querySelectorAll(".search-label-icon[aria-label]:not([role])").forEach(function (icon) {
    icon.setAttribute("role", "img");
  });
});
