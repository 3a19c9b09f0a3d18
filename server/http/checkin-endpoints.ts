/**
 * The student's two check-in requests. In production the entry serves them itself (direct.ts), without
 * Next's router, because the start of a class sends hundreds a second; Next serves them everywhere else
 * (development, the route files that also carry their OpenAPI text).
 */
import { ticketRequestSchema } from "@/lib/validations/checkin";
import { codeParams } from "@/lib/validations/params";
import { exchangeForTicket, register } from "../checkin";
import { checkinSchema } from "../student-input";
import { endpoint, reply } from "./endpoint";

export const ticketEndpoint = endpoint(
  { name: "/api/checkin/{code}/tickets", auth: false, params: codeParams, body: ticketRequestSchema },
  async ({ params, body }) => reply(await exchangeForTicket(params.code, body), 201),
);

export const registerEndpoint = endpoint(
  { name: "/api/checkin/{code}", auth: false, params: codeParams, body: checkinSchema },
  async ({ params, body }) => {
    const { attendance, created } = await register(params.code, body);
    return reply(attendance, created ? 201 : 200);
  },
);
