/**
 * The student's two check-in requests. In production the entry serves them itself (direct.ts), without
 * Next's router, because the start of a class sends hundreds a second; Next serves them everywhere else
 * (development, the route files that also carry their OpenAPI text).
 */
import { ticketRequestSchema } from "@/lib/validations/checkin";
import { codeParams } from "@/lib/validations/params";
import { exchangeForTicket, register, type StudentClient } from "../checkin";
import { browserCookieValue, mintBrowser, readBrowser, setBrowserCookie } from "../presence/browser-key";
import { checkinSchema } from "../student-input";
import { clientAddress } from "./client-address";
import { endpoint, reply, type ApiRequest } from "./endpoint";

/** The browser (from its cookie) and the address a student's request comes from. */
export function studentClient(headers: ApiRequest["headers"]): StudentClient {
  return { browser: readBrowser(browserCookieValue(headers.get("cookie"))), address: clientAddress(headers) };
}

export const ticketEndpoint = endpoint(
  { name: "/api/checkin/{code}/tickets", auth: false, params: codeParams, body: ticketRequestSchema },
  async ({ request, params, body }) => {
    const client = studentClient(request.headers);
    // A browser without our cookie gets one now: the ticket is bound to it.
    const { browser, cookie } = client.browser ? { browser: client.browser, cookie: null } : mintBrowser();
    const ticket = await exchangeForTicket(params.code, body, { ...client, browser });
    return reply(ticket, 201, cookie ? { "set-cookie": setBrowserCookie(cookie) } : {});
  },
);

export const registerEndpoint = endpoint(
  { name: "/api/checkin/{code}", auth: false, params: codeParams, body: checkinSchema },
  async ({ request, params, body }) => {
    const { attendance, created } = await register(params.code, body, studentClient(request.headers));
    return reply(attendance, created ? 201 : 200);
  },
);
