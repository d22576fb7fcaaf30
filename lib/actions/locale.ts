"use server";

import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { z } from "zod";

import { LOCALES, type Locale } from "@/lib/i18n/dictionaries";
import { LOCALE_COOKIE } from "@/lib/i18n/server";

import { formString } from "./form";

const localeSchema = z.enum(LOCALES as [Locale, ...Locale[]]);

/**
 * Remember the chosen language for a year. Anyone may choose, signed in or not; an unknown value is
 * ignored rather than stored, so the cookie only ever holds a supported locale.
 */
export async function setLocaleAction(formData: FormData): Promise<void> {
  const parsed = localeSchema.safeParse(formString(formData, "locale"));
  if (!parsed.success) return;
  (await cookies()).set(LOCALE_COOKIE, parsed.data, { path: "/", sameSite: "lax", maxAge: 60 * 60 * 24 * 365 });
  revalidatePath("/", "layout");
}
