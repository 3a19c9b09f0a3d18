/** A teacher page's sheet: the teacher's own, or the 404 page (someone else's looks the same as none). */
import { notFound } from "next/navigation";
import { cache } from "react";
import { uuidSchema } from "@/lib/validations/common";
import { AppError } from "../errors";
import { getSheet, type SheetView } from "../sheets";

export const ownSheet = cache(async (teacherId: string, id: string): Promise<SheetView> => {
  if (!uuidSchema.safeParse(id).success) notFound();
  try {
    return await getSheet(teacherId, id);
  } catch (err) {
    if (err instanceof AppError && err.code === "SHEET_NOT_FOUND") notFound();
    throw err;
  }
});
