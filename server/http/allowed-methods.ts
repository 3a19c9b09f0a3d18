/**
 * The methods each documented API path accepts, read from the OpenAPI document the build generates.
 * Next answers a method a route file does not export with a bare 405; the production entry answers it
 * with a problem+json and `Allow` instead (direct.ts), so what the API documents is what it accepts.
 */
import spec from "../generated/openapi.json";
import { pathMatcher, type PathMatch } from "./path-template";

const paths: { template: string; match: PathMatch; allow: string[] }[] = Object.entries(spec.paths).map(([template, operations]) => {
  const allow = Object.keys(operations).map((method) => method.toUpperCase());
  // Next answers HEAD wherever there is a GET.
  if (allow.includes("GET")) allow.push("HEAD");
  return { template, match: pathMatcher(template), allow: allow.sort() };
});

/** The documented path a request path falls under, with the methods it accepts; undefined when none does. */
export function documentedPath(pathname: string): { template: string; allow: string[] } | undefined {
  return paths.find((p) => p.match(pathname) !== null);
}
