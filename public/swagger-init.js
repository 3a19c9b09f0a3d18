// Starts Swagger UI on the project's own OpenAPI document (a file, so a strict CSP needs no inline script).
window.addEventListener("load", function () {
  window.SwaggerUIBundle({
    url: "/api/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    tryItOutEnabled: true,
    persistAuthorization: true,
  });
});
