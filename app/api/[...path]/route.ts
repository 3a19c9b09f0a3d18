import { AppError } from "@/server/errors";
import { route } from "@/server/http/route";

/** Any other /api path: a problem+json 404 instead of the HTML not-found page. */
const notFound = route({ name: "/api/*", auth: false }, async () => {
  throw new AppError("NOT_FOUND", { params: { what: "API route" }, detail: "There is no such API route." });
});

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
