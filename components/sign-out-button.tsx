"use client";
import { signOut } from "next-auth/react";

/** Signs out, then goes to /login on this origin (next-auth's own redirect would use its configured URL). */
export function SignOutButton({ label }: { label: string }) {
  const onClick = async () => {
    await signOut({ redirect: false });
    window.location.assign("/login");
  };
  return (
    <button type="button" className="btn btn-small text-brand-800 underline" onClick={() => void onClick()}>
      {label}
    </button>
  );
}
