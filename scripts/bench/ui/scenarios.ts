// ---------------------------------------------------------------------------------------------
// Scenarios: the invoice list's filters, sorts and searches that the views cycle through.

import { INVOICES } from "./config";
import { isoDay, ocrFor } from "./seed";

export function scenarioQueries(today: string, cursors: string[]): { name: string; queries: string[] }[] {
  const todayMs = Date.parse(`${today}T00:00:00Z`);
  const q = (params: Record<string, string>) => new URLSearchParams(params).toString();
  const docNumbers = [4711, 1234, 98765, 55555, 20260].filter((n) => n <= INVOICES).map(String);
  const ocrs = [31337, 777, 64000, 12345, 90001].filter((n) => n <= INVOICES).map((n) => ocrFor(n));
  return [
    { name: "list: first page", queries: [""] },
    { name: "list: unpaid", queries: [q({ status: "unpaid" })] },
    { name: "list: overdue", queries: [q({ status: "overdue" })] },
    { name: "list: date range", queries: [q({ from: isoDay(todayMs, -120), to: isoDay(todayMs, -90) }), q({ from: isoDay(todayMs, -400), to: isoDay(todayMs, -365) })] },
    { name: "list: sort due date desc", queries: [q({ sort: "dueDate", dir: "desc" })] },
    { name: "list: keyset next page", queries: cursors.map((after) => q({ after })) },
    { name: "search: number prefix", queries: docNumbers.map((d) => q({ q: d.slice(0, 4) })) },
    { name: "search: customer name", queries: [q({ q: "Fjäll Bygg Malmö" }), q({ q: "norrsken kaffe" }), q({ q: "Sjöbods El Lund" })] },
    { name: "search: OCR", queries: ocrs.map((o) => q({ q: o })) },
  ];
}
