import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { authOptions } from "@/server/auth/next-auth";

type Ctx = { params: Promise<{ nextauth: string[] }> };

// next-auth 4 types its App Router handler loosely; it answers with a Response.
const handler = async (request: NextRequest, context: Ctx): Promise<Response> =>
  (await NextAuth(request, context, authOptions())) as Response;

export { handler as GET, handler as POST };
