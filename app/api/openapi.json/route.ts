import spec from "@/server/generated/openapi.json";

export const dynamic = "force-static";

export function GET(): Response {
  return Response.json(spec, { headers: { "cache-control": "no-cache" } });
}
