// Loaded first thing in <body> by templates/base.html (the Content-Security-Policy allows no
// inline script): GOV.UK Frontend styles and starts its components only when the body says
// that scripts run and that this browser supports ES modules.
document.body.className +=
  " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
