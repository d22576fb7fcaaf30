import { en as adminEn, sv as adminSv } from "./messages/admin";
import { en as browseEn, sv as browseSv } from "./messages/browse";
import { en as connectEn, sv as connectSv } from "./messages/connect";
import { en as demoEn, sv as demoSv } from "./messages/demo";
import { en as errorsEn, sv as errorsSv } from "./messages/errors";
import { en as fortnoxEn, sv as fortnoxSv } from "./messages/fortnox";
import { en as opsEn, sv as opsSv } from "./messages/ops";
import { en as runsEn, sv as runsSv } from "./messages/runs";
import { en as settingsEn, sv as settingsSv } from "./messages/settings";
import { en as syncEn, sv as syncSv } from "./messages/sync";
import { en as uiEn, sv as uiSv } from "./messages/ui";
import { en as writeEn, sv as writeSv } from "./messages/write";

/** UI strings. Swedish is the default; every key must exist in both languages (checked by type). */
const sv = {
  ...connectSv,
  ...browseSv,
  ...writeSv,
  ...syncSv,
  ...settingsSv,
  ...fortnoxSv,
  ...errorsSv,
  ...uiSv,
  ...demoSv,
  ...opsSv,
  ...adminSv,
  ...runsSv,
  "app.tagline": "Bryggan mellan Fortnox och dina system",
  "home.title": "Dina fakturor, kunder och artiklar från Fortnox – snabbt, sökbart och alltid i synk.",
  "home.lead":
    "Brygga är en öppen integrationsportal för Fortnox. Anslut ditt företag från Fortnox App Market, bläddra och sök bland fakturor, kunder och artiklar, skapa och ändra dem, och låt synkroniseringen hålla allt aktuellt.",
  "home.for.customers": "För företag",
  "home.for.customers.body": "Anslut ditt Fortnox-företag på en minut och arbeta med din data i ett snabbt gränssnitt på svenska eller engelska.",
  "home.for.admins": "För administratörer",
  "home.for.admins.body": "Se anslutningarnas hälsa, synkroniseringar och jobb, och styr vad som synkas och hur ofta.",
  "home.for.sales": "För demo och test",
  "home.for.sales.body": "Kör mot Fortnox testdatabaser eller mot Bryggas inbyggda Fortnox-sandlåda, helt utan internet.",
  "nav.skip": "Hoppa till innehållet",
  "footer.opensource": "Brygga är öppen källkod.",
};

export type MessageKey = keyof typeof sv;

const en: Record<MessageKey, string> = {
  ...connectEn,
  ...browseEn,
  ...writeEn,
  ...syncEn,
  ...settingsEn,
  ...fortnoxEn,
  ...errorsEn,
  ...uiEn,
  ...demoEn,
  ...opsEn,
  ...adminEn,
  ...runsEn,
  "app.tagline": "The bridge between Fortnox and your systems",
  "home.title": "Your Fortnox invoices, customers and articles – fast, searchable and always in sync.",
  "home.lead":
    "Brygga is an open integration portal for Fortnox. Connect your company from the Fortnox App Market, browse and search invoices, customers and articles, create and edit them, and let sync keep everything current.",
  "home.for.customers": "For companies",
  "home.for.customers.body": "Connect your Fortnox company in a minute and work with your data in a fast interface, in Swedish or English.",
  "home.for.admins": "For administrators",
  "home.for.admins.body": "Watch connection health, sync runs and jobs, and control what is synced and how often.",
  "home.for.sales": "For demos and testing",
  "home.for.sales.body": "Run against Fortnox test databases or Brygga's built-in Fortnox sandbox, entirely offline.",
  "nav.skip": "Skip to content",
  "footer.opensource": "Brygga is open source.",
};

export const dictionaries = { sv, en } as const;
export type Locale = keyof typeof dictionaries;
export const LOCALES: Locale[] = ["sv", "en"];
export const DEFAULT_LOCALE: Locale = "sv";
