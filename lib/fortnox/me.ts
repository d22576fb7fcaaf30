import "server-only";

import { z } from "zod";

/**
 * GET /3/me: the Fortnox user behind a token, in Brygga's vocabulary (docs/fortnox.md#api-conventions).
 * The daily membership re-check decodes it with this; sign-in reads the same fields in identity.ts.
 */
const meBody = z.object({
  MeInformation: z.object({
    Id: z.coerce.string(),
    Name: z.string(),
    Email: z.string(),
    SysAdmin: z.boolean(),
    Locale: z.string().optional(),
  }),
});

export interface FortnoxMe {
  fortnoxId: string;
  name: string;
  email: string;
  sysAdmin: boolean;
}

export const ME_PATH = "/3/me";

export function decodeMe(body: unknown): FortnoxMe {
  const m = meBody.parse(body).MeInformation;
  return { fortnoxId: m.Id, name: m.Name, email: m.Email, sysAdmin: m.SysAdmin };
}
