/** The shared catalogue of course units. */
import { prisma } from "./db";
import { AppError } from "./errors";
import { isUniqueViolation } from "./unique-violation";

export type CourseUnitView = { id: string; code: string; name: string };
const view = { id: true, code: true, name: true } as const;

export function listCourseUnits(filter: { teacherId: string; mine: boolean; q?: string }): Promise<CourseUnitView[]> {
  return prisma.courseUnit.findMany({
    where: {
      ...(filter.mine
        ? {
            AND: [
              {
                OR: [
                  { sheets: { some: { ownerId: filter.teacherId } } },
                  { ownerId: filter.teacherId },
                  { members: { some: { teacherId: filter.teacherId } } },
                ],
              },
            ],
          }
        : {}),
      ...(filter.q
        ? { OR: [{ code: { contains: filter.q, mode: "insensitive" } }, { name: { contains: filter.q, mode: "insensitive" } }] }
        : {}),
    },
    orderBy: { code: "asc" },
    select: view,
  });
}

export async function createCourseUnit(teacherId: string, input: { code: string; name: string }): Promise<CourseUnitView> {
  try {
    // The teacher who adds a unit leads its team.
    return await prisma.courseUnit.create({ data: { ...input, createdById: teacherId, ownerId: teacherId }, select: view });
  } catch (err) {
    if (isUniqueViolation(err, "code")) {
      throw new AppError("COURSE_UNIT_CODE_TAKEN", { errors: [{ field: "code", code: "taken", message: "already exists" }] });
    }
    throw err;
  }
}
