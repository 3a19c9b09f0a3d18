import { json, route } from "@/server/http/route";
import { eraseStudent, studentData } from "@/server/student-data";
import { studentParams } from "@/server/student-input";

/**
 * @openapi
 * /api/students/{studentNumber}:
 *   get:
 *     operationId: getStudentData
 *     tags: [Students]
 *     summary: Everything held about a student number in my reach (right of access)
 *     description: Roster entries of the units whose team I am in, and attendance entries on the sheets I can see.
 *     security: [{ bearer: [] }, { session: [] }]
 *     parameters: [{ $ref: "#/components/parameters/StudentNumber" }]
 *     responses:
 *       200:
 *         description: The student's data.
 *         content:
 *           application/json:
 *             schema: { $ref: "#/components/schemas/StudentData" }
 *       400: { $ref: "#/components/responses/Problem" }
 *       401: { $ref: "#/components/responses/Problem" }
 *       404: { $ref: "#/components/responses/Problem" }
 *   delete:
 *     operationId: eraseStudentData
 *     tags: [Students]
 *     summary: Erase that data (right to erasure)
 *     description: >
 *       Deletes the student's roster and attendance entries in my reach, in one transaction. Only the fact
 *       that a session had an entry erased is kept (the term report counts it); nothing about who.
 *     security: [{ bearer: [] }, { session: [] }]
 *     parameters: [{ $ref: "#/components/parameters/StudentNumber" }]
 *     responses:
 *       200:
 *         description: What was erased.
 *         content:
 *           application/json:
 *             schema:
 *               type: object
 *               required: [studentNumber, erased]
 *               properties:
 *                 studentNumber: { type: string }
 *                 erased:
 *                   type: object
 *                   required: [attendances, rosterEntries]
 *                   properties:
 *                     attendances: { type: integer }
 *                     rosterEntries: { type: integer }
 *       400: { $ref: "#/components/responses/Problem" }
 *       401: { $ref: "#/components/responses/Problem" }
 *       404: { $ref: "#/components/responses/Problem" }
 */
export const GET = route({ name: "/api/students/{studentNumber}", auth: true, params: studentParams }, async ({ caller, params }) =>
  json(await studentData(caller.teacherId, params.studentNumber)),
);

export const DELETE = route({ name: "/api/students/{studentNumber}", auth: true, params: studentParams }, async ({ caller, params }) =>
  json(await eraseStudent(caller.teacherId, params.studentNumber)),
);
