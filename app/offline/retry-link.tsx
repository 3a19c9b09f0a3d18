"use client";
import Link from "next/link";
/**
 * The service worker shows the offline page in place of the page being opened, at that page's address:
 * "try again" reloads it. Without JavaScript the link still leads home.
 */
export function RetryLink({ text }: { text: string }) {
  return (
    <Link
      href="/"
      className="btn-primary"
      onClick={(event) => {
        event.preventDefault();
        location.reload();
      }}
    >
      {text}
    </Link>
  );
}
