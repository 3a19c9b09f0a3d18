import Link from "next/link";
import type { Messages } from "@/lib/i18n/messages";
import { SignOutButton } from "./sign-out-button";

export function TeacherNav({ t }: { t: Messages["common"] }) {
  return (
    <>
      <Link href="/dashboard" className="btn btn-small text-brand-800 underline">
        {t.dashboard}
      </Link>
      <Link href="/profile" className="btn btn-small text-brand-800 underline">
        {t.profile}
      </Link>
      <SignOutButton label={t.signOut} />
    </>
  );
}
