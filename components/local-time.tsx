"use client";
import { useSyncExternalStore } from "react";

const subscribe = () => () => undefined;

/**
 * A time in the reader's own time zone. The server renders it in UTC; the browser re-renders it in its
 * zone right after hydration (no mismatch warning: the text is allowed to differ).
 */
export function LocalTime({
  iso,
  locale,
  dateStyle,
  timeStyle = "short",
}: {
  iso: string;
  locale: string;
  dateStyle?: "medium" | "short";
  timeStyle?: "short" | "medium";
}) {
  const onClient = useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
  const options: Intl.DateTimeFormatOptions = { dateStyle, timeStyle, ...(onClient ? {} : { timeZone: "UTC" }) };
  return <time dateTime={iso}>{new Intl.DateTimeFormat(locale, options).format(new Date(iso))}</time>;
}
