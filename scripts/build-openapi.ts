/**
 * Writes the OpenAPI document from the @openapi comments of the route handlers (comments do not survive
 * compilation, so this runs before the build). Fails on any malformed annotation.
 */
import fs from "node:fs";
import path from "node:path";
import swaggerJsdoc from "swagger-jsdoc";
import pkg from "../package.json" with { type: "json" };

const spec = swaggerJsdoc({
  failOnErrors: true,
  definition: {
    openapi: "3.1.0",
    info: {
      title: "Presença API",
      version: pkg.version,
      description:
        "Class attendance with rotating QR codes. Teachers authenticate with a personal API token " +
        "(`POST /api/tokens`, then `Authorization: Bearer …`) or the browser session. Errors are " +
        "`application/problem+json` with a stable `code`.",
      license: { name: "MIT" },
    },
    servers: [{ url: "/" }],
  },
  apis: ["app/api/**/route.ts", "lib/openapi/components.yaml"],
});

const out = path.join("server", "generated", "openapi.json");
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, `${JSON.stringify(spec, null, 2)}\n`);
const paths = Object.keys((spec as { paths?: object }).paths ?? {});
console.log(`OpenAPI: ${paths.length} paths written to ${out}`);
