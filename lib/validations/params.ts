import { z } from "zod";
import { uuidSchema } from "./common";
import { sheetCodeSchema } from "./checkin";

export const sheetParams = z.object({ id: uuidSchema });
export const codeParams = z.object({ code: sheetCodeSchema });
