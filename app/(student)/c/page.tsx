import { redirect } from "next/navigation";

/** The typed-code form (which works without JavaScript) lands here: on to the sheet's own page. */
export default async function TypedCode({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { code, digits } = await searchParams;
  const clean =
    typeof code === "string"
      ? code
          .replace(/[^0-9A-Za-z]/g, "")
          .toUpperCase()
          .slice(0, 12)
      : "";
  if (!clean) redirect("/");
  const d = typeof digits === "string" ? digits.replace(/\D/g, "").slice(0, 8) : "";
  redirect(d ? `/c/${clean}?d=${d}` : `/c/${clean}`);
}
