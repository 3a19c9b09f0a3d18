import { z } from "zod";

const cidr = z
  .string()
  .trim()
  .refine((v) => {
    const [net = "", bits = "", ...rest] = v.split("/");
    const max = z.ipv4().safeParse(net).success ? 32 : z.ipv6().safeParse(net).success ? 128 : -1;
    return rest.length === 0 && /^\d{1,3}$/.test(bits) && Number(bits) <= max;
  }, "must be a network in CIDR form, e.g. 192.0.2.0/24");

/** A sheet's classroom-network rule: `strict` refuses check-ins outside the projection's network and `networks`. */
export const presenceSettingsSchema = z.strictObject({
  strict: z.boolean({ error: "must be true or false" }),
  networks: z
    .array(cidr)
    .max(50)
    .default([])
    .meta({ example: ["192.0.2.0/24"] }),
});

export type PresenceSettings = z.infer<typeof presenceSettingsSchema>;
