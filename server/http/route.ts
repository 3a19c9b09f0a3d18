/** API route handlers for Next's router: every route file exports its methods through these. */
import type { NextRequest } from "next/server";
import type { z } from "zod";
import { authenticateRequest } from "../auth/request-auth";
import { endpoint, serve, toResponse, type Answer, type Context, type Endpoint, type Spec } from "./endpoint";

export { json } from "./endpoint";

type Schema = z.ZodType;
type RouteContext = { params: Promise<Record<string, string | string[]>> };

/** An endpoint served by Next's router, as a route handler (`export const POST = nextRoute(…)`). */
export function nextRoute<P extends Schema | undefined, Q extends Schema | undefined, B extends Schema | undefined, A extends boolean>(
  served: Endpoint<P, Q, B, A>,
) {
  return async (request: NextRequest, routeContext: RouteContext): Promise<Response> =>
    toResponse(await serve(served, request, await routeContext.params, () => authenticateRequest(request.headers)));
}

export function route<P extends Schema | undefined, Q extends Schema | undefined, B extends Schema | undefined, A extends boolean>(
  spec: Spec<P, Q, B, A>,
  handler: (ctx: Context<P, Q, B, A>) => Promise<Answer>,
) {
  return nextRoute(endpoint(spec, handler));
}
