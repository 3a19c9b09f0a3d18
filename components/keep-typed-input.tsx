"use client";
/**
 * The language switch reloads the page (a plain form, so it works without JavaScript). With
 * JavaScript, what was typed on the page survives it: the fields' values are kept for this tab when
 * the switch is submitted and put back once, on the same page, after the reload. Passwords never are.
 */
import { useEffect } from "react";

const KEY = "presenca.typed";
type Kept = { path: string; values: Record<string, string> };

const keepable = (el: Element): el is HTMLInputElement | HTMLTextAreaElement =>
  (el instanceof HTMLInputElement && ["text", "email", "search", "tel", "url", "number"].includes(el.type)) ||
  el instanceof HTMLTextAreaElement;

export function KeepTypedInput({ formId }: { formId: string }) {
  useEffect(() => {
    const path = location.pathname + location.search;
    try {
      const kept = JSON.parse(sessionStorage.getItem(KEY) ?? "null") as Kept | null;
      sessionStorage.removeItem(KEY);
      if (kept?.path === path) {
        for (const [id, value] of Object.entries(kept.values)) {
          const el = document.getElementById(id);
          if (el && keepable(el) && !el.value) el.value = value;
        }
      }
    } catch {
      // Storage refused: the page simply starts empty, as without JavaScript.
    }
    const form = document.getElementById(formId);
    const keep = () => {
      const values: Record<string, string> = {};
      for (const el of document.querySelectorAll("main input, main textarea")) {
        if (keepable(el) && el.id && el.value) values[el.id] = el.value;
      }
      try {
        sessionStorage.setItem(KEY, JSON.stringify({ path, values } satisfies Kept));
      } catch {
        // Not kept; the switch still works.
      }
    };
    form?.addEventListener("submit", keep);
    return () => form?.removeEventListener("submit", keep);
  }, [formId]);
  return null;
}
