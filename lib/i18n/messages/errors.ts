/** The portal's error, not-found and loading states. */

export const sv = {
  "errors.notFound.title": "Sidan finns inte",
  "errors.notFound.body": "Det du letar efter finns inte, eller så hör det till ett annat företag. Kontrollera adressen eller välj företag i menyn.",
  "errors.notFound.home": "Till översikten",
  "errors.error.title": "Något gick fel",
  "errors.error.body": "Ett oväntat fel inträffade och har loggats. Inget av det du gjorde går förlorat i Fortnox; försök igen, eller gå tillbaka till översikten.",
  "errors.error.retry": "Försök igen",
  "errors.error.reference": "Felreferens: {digest}",
  "errors.loading": "Laddar…",
};

export const en: Record<keyof typeof sv, string> = {
  "errors.notFound.title": "Page not found",
  "errors.notFound.body": "What you are looking for does not exist, or it belongs to another company. Check the address or choose a company in the menu.",
  "errors.notFound.home": "Go to the dashboard",
  "errors.error.title": "Something went wrong",
  "errors.error.body": "An unexpected error occurred and has been logged. Nothing you did is lost in Fortnox; try again, or go back to the dashboard.",
  "errors.error.retry": "Try again",
  "errors.error.reference": "Error reference: {digest}",
  "errors.loading": "Loading…",
};
