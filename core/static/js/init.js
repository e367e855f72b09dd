// Runs before the page renders: tells GOV.UK Frontend's CSS that JavaScript is available.
// Kept in a file (not inline) so the content security policy can forbid inline script.
document.body.className += " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
