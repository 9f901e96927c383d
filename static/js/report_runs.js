// Keeps the report runs table current without reloading: every two seconds each run that is
// not finished asks its status URL and the answer is written into its row. Without
// JavaScript the page reloads itself instead (see the <noscript> in _runs_table.html).
(function () {
  "use strict";
  var INTERVAL = 2000;

  function pendingRows() {
    return document.querySelectorAll("tr[data-run-status-url][data-run-done='false']");
  }

  function field(row, name) {
    return row.querySelector("[data-field='" + name + "']");
  }

  function setText(row, name, value) {
    var cell = field(row, name);
    if (cell) cell.textContent = value || "";
  }

  function setDownload(row, url) {
    var cell = field(row, "download");
    if (!cell) return;
    cell.textContent = "";
    if (!url) return;
    var link = document.createElement("a");
    link.className = "govuk-link";
    link.href = url;
    link.setAttribute("download", "");
    link.textContent = "Download PDF";
    cell.appendChild(link);
  }

  function update(row, data) {
    var badge = field(row, "status");
    if (badge) {
      // The class comes with the answer (ReportRun.status_badge_class): one definition.
      badge.className = "govuk-tag " + data.status_class;
      badge.textContent = data.status_label;
    }
    setText(row, "pages", data.pages);
    setText(row, "size", data.size);
    setText(row, "duration", data.duration);
    setText(row, "note", data.note);
    setDownload(row, data.download_url);
    row.setAttribute("data-run-done", data.done ? "true" : "false");
  }

  function refresh(row) {
    var url = row.getAttribute("data-run-status-url");
    return fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error("status " + response.status);
        return response.json();
      })
      .then(function (data) {
        update(row, data);
      })
      .catch(function () {
        // A missed answer (server restarting, network blip) is asked again at the next tick.
      });
  }

  function tick() {
    var rows = pendingRows();
    if (!rows.length) return;
    Promise.all(Array.prototype.map.call(rows, refresh)).then(function () {
      window.setTimeout(tick, INTERVAL);
    });
  }

  window.setTimeout(tick, INTERVAL);
})();
