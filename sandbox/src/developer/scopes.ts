/**
 * Fortnox's scopes with the module names its developer portal shows (docs/fortnox.md#scopes).
 * Every scope grants read and write.
 */
export const SCOPES: readonly { scope: string; sv: string; en: string }[] = [
  { scope: "companyinformation", sv: "Företagsinformation", en: "Company information" },
  { scope: "profile", sv: "Profil", en: "Profile" },
  { scope: "settings", sv: "Inställningar", en: "Settings" },
  { scope: "customer", sv: "Kundregister", en: "Customers" },
  { scope: "article", sv: "Artikelregister", en: "Articles" },
  { scope: "invoice", sv: "Fakturering", en: "Invoicing" },
  { scope: "offer", sv: "Offert", en: "Offers" },
  { scope: "order", sv: "Order", en: "Orders" },
  { scope: "payment", sv: "Betalningar", en: "Payments" },
  { scope: "price", sv: "Prislistor", en: "Price lists" },
  { scope: "currency", sv: "Valutor", en: "Currencies" },
  { scope: "bookkeeping", sv: "Bokföring", en: "Bookkeeping" },
  { scope: "costcenter", sv: "Kostnadsställen", en: "Cost centres" },
  { scope: "project", sv: "Projekt", en: "Projects" },
  { scope: "supplier", sv: "Leverantörsregister", en: "Suppliers" },
  { scope: "supplierinvoice", sv: "Leverantörsfakturor", en: "Supplier invoices" },
  { scope: "salary", sv: "Lön", en: "Salary" },
  { scope: "timereporting", sv: "Tidredovisning", en: "Time reporting" },
  { scope: "archive", sv: "Arkiv", en: "Archive" },
  { scope: "inbox", sv: "Inkorg", en: "Inbox" },
  { scope: "connectfile", sv: "Filkopplingar", en: "File connections" },
  { scope: "print", sv: "Utskriftsmallar", en: "Print templates" },
  { scope: "noxfinansinvoice", sv: "Nox Finans fakturor", en: "Nox Finans invoices" },
];

export const SCOPE_NAMES: readonly string[] = SCOPES.map((s) => s.scope);
