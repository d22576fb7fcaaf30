/** Strings for failures at the Fortnox boundary that any page or action can meet (Swedish first). */
export const sv = {
  "fortnox.busy": "Fortnox är upptaget just nu. Försök igen om {seconds} s.",
};

export const en: Record<keyof typeof sv, string> = {
  "fortnox.busy": "Fortnox is busy, try again in {seconds} s.",
};
