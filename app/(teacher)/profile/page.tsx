import type { Metadata } from "next";
import { listApiTokens } from "@/server/auth/api-tokens";
import { requireTeacher } from "@/server/auth/session";
import { getMessages } from "@/server/i18n";
import { ApiTokens } from "./api-tokens";
import { PasswordForm, ProfileForm } from "./profile-forms";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getMessages()).t.profile.title };
}

export default async function ProfilePage() {
  const teacher = await requireTeacher("/profile");
  const [{ locale, t }, tokens] = await Promise.all([getMessages(), listApiTokens(teacher.id)]);
  const shared = { t: t.profile, fields: t.fields, common: t.common };
  return (
    <div className="grid gap-6">
      <h1 className="text-2xl font-bold">{t.profile.title}</h1>
      <ProfileForm teacher={{ name: teacher.name, email: teacher.email }} {...shared} />
      <PasswordForm {...shared} />
      <ApiTokens
        email={teacher.email}
        locale={locale}
        initial={tokens.map((k) => ({ ...k, createdAt: k.createdAt.toISOString(), lastUsedAt: k.lastUsedAt?.toISOString() ?? null }))}
        {...shared}
      />
    </div>
  );
}
