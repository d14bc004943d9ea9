// Swagger UI at /api/docs: flask-swagger-ui's initialiser as a file, so that the
// Content-Security-Policy needs no inline script. The configuration comes from the page.
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("swagger-ui").dataset.config);
  config.presets = [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset];
  config.plugins = [SwaggerUIBundle.plugins.DownloadUrl];
  window.ui = SwaggerUIBundle(config);
})();
