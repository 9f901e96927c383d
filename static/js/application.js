// Starts GOV.UK Frontend's and MOJ Frontend's components on every page of templates/base.html.
// The script tag names both packages' files (hashed by collectstatic in production) in data
// attributes, so they are imported from the same URLs the page would link.
const script = document.querySelector("script[data-govuk-frontend][data-moj-frontend]");
if (script) {
  Promise.all([
    import(script.dataset.govukFrontend),
    import(script.dataset.mojFrontend),
  ]).then(([govuk, moj]) => {
    govuk.initAll();
    moj.initAll();
  });
}
