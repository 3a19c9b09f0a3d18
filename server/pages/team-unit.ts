/** A teacher page's course unit: one whose team the teacher is in, or the 404 page (like a missing one). */
import { notFound } from "next/navigation";
import { cache } from "react";
import { uuidSchema } from "@/lib/validations/common";
import { requireTeam } from "../course-unit-team";
import { AppError } from "../errors";

export const teamUnit = cache(async (teacherId: string, id: string) => {
  if (!uuidSchema.safeParse(id).success) notFound();
  try {
    return await requireTeam(teacherId, id);
  } catch (err) {
    if (err instanceof AppError && err.code === "NOT_FOUND") notFound();
    throw err;
  }
});
