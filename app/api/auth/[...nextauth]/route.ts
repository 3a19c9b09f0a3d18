import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { authOptions } from "@/server/auth/next-auth";

type Ctx = { params: Promise<{ nextauth: string[] }> };

const handler = async (request: NextRequest, context: Ctx) => NextAuth(request, context, authOptions());

export { handler as GET, handler as POST };
