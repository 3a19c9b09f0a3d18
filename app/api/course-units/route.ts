import { courseUnitQuerySchema, createCourseUnitSchema } from "@/lib/validations/sheets";
import { createCourseUnit, listCourseUnits } from "@/server/course-units";
import { json, route } from "@/server/http/route";

/**
 * @openapi
 * /api/course-units:
 *   get:
 *     tags: [Course units]
 *     operationId: listCourseUnits
 *     summary: List course units
 *     security: [{ bearer: [] }, { session: [] }]
 *     x-query: CourseUnitQuery
 *     responses:
 *       200:
 *         description: Course units ordered by code.
 *         content:
 *           application/json:
 *             schema:
 *               type: object
 *               properties:
 *                 items: { type: array, items: { $ref: "#/components/schemas/CourseUnit" } }
 *                 nextCursor: { type: "null" }
 *       400: { $ref: "#/components/responses/Problem" }
 *       401: { $ref: "#/components/responses/Problem" }
 *   post:
 *     tags: [Course units]
 *     operationId: createCourseUnit
 *     summary: Add a course unit to the shared catalogue
 *     security: [{ bearer: [] }, { session: [] }]
 *     requestBody:
 *       required: true
 *       content:
 *         application/json:
 *           schema: { $ref: "#/components/schemas/NewCourseUnit" }
 *     responses:
 *       201:
 *         description: Created.
 *         content:
 *           application/json:
 *             schema: { $ref: "#/components/schemas/CourseUnit" }
 *       400: { $ref: "#/components/responses/Problem" }
 *       401: { $ref: "#/components/responses/Problem" }
 *       409: { $ref: "#/components/responses/Problem" }
 */
export const GET = route({ name: "/api/course-units", auth: true, query: courseUnitQuerySchema }, async ({ caller, query }) =>
  json({ items: await listCourseUnits({ teacherId: caller.teacherId, ...query }), nextCursor: null }),
);

export const POST = route({ name: "/api/course-units", auth: true, body: createCourseUnitSchema }, async ({ caller, body }) =>
  json(await createCourseUnit(caller.teacherId, body), 201),
);
