import "server-only";

import { and, eq, ilike, isNull, or, sql, type SQL } from "drizzle-orm";

import type { Database } from "../client";
import { customers, naturalKey, naturalKeyOf, type CustomerRow } from "../schema";
import { countKey, countRows, exactLimit, readCountedPage, type CountedReadOptions, type Counting, type ResultCount } from "./counts";
import { jsonFetch, jsonRow } from "./json-rows";
import { iterateRows, readPage, sortColumn, type KeysetSource, type Page } from "./keyset";
import { likeEscape } from "./list-params";
import { type CustomerListQuery, type CustomerSort } from "./list-specs";

export { CUSTOMER_SORTS, CUSTOMER_TYPES, customerListSpec, parseCustomerQuery, type CustomerFilters, type CustomerListQuery, type CustomerSort } from "./list-specs";

const listColumns = {
  id: customers.id,
  customerNumber: customers.customerNumber,
  name: customers.name,
  organisationNumber: customers.organisationNumber,
  type: customers.type,
  email: customers.email,
  phone: customers.phone,
  city: customers.city,
  zipCode: customers.zipCode,
  active: customers.active,
};
export type CustomerListItem = Pick<CustomerRow, keyof typeof listColumns>;
/** The list's columns as one JSON value per row (./json-rows.ts). */
const listRow = jsonRow(listColumns);

// Unknown (null) counts as active: it is Fortnox's default and list items do not carry the flag.
const isActive = sql`(${customers.active} is not false)`;

function searchCondition(q: string | undefined): SQL | undefined {
  if (!q) return undefined;
  const escaped = likeEscape(q);
  const conditions = [
    ilike(customers.customerNumber, `${escaped}%`),
    ilike(customers.name, `%${escaped}%`),
    ilike(customers.email, `%${escaped}%`),
    ilike(customers.city, `%${escaped}%`),
  ];
  // Organisation numbers are typed with or without the dash, and stored either way.
  const digits = q.replace(/[\s-]/g, "");
  if (/^\d{2,12}$/.test(digits)) conditions.push(sql`replace(${customers.organisationNumber}, '-', '') like ${`${digits}%`}`);
  return or(...conditions);
}

/** The list's filters as SQL (always scoped to the connection); shared by pages and counts. */
function customerWhere(connectionId: string, query: CustomerListQuery): SQL | undefined {
  const f = query.filters;
  return and(
    eq(customers.connectionId, connectionId),
    isNull(customers.deletedAt),
    searchCondition(query.q),
    f.active === "active" ? isActive : f.active === "inactive" ? eq(customers.active, false) : undefined,
    f.type ? eq(customers.type, f.type) : undefined,
  );
}

function customerSource(db: Database, connectionId: string, query: CustomerListQuery): KeysetSource<CustomerListItem, CustomerSort> {
  const where = customerWhere(connectionId, query);
  return {
    columns: {
      // 1, 2, 10 rather than 1, 10, 2 (naturalKey in lib/db/schema/records.ts).
      number: sortColumn(naturalKey(customers.customerNumber), false, (r) => naturalKeyOf(r.customerNumber), { indexed: true }),
      name: sortColumn(customers.name, false, (r) => r.name, { indexed: true }),
      organisationNumber: sortColumn(customers.organisationNumber, true, (r) => r.organisationNumber),
      type: sortColumn(customers.type, true, (r) => r.type),
      city: sortColumn(customers.city, true, (r) => r.city),
      email: sortColumn(customers.email, true, (r) => r.email),
      active: sortColumn(isActive, false, (r) => r.active !== false),
    },
    tie: customers.id,
    tieValue: (r) => r.id,
    fetch: jsonFetch(db, customers, listRow, where),
  };
}

/** What the customer list counts: exact up to `cap` (./counts.ts), remembered per company and filters past it. */
function customerCounting(db: Database, connectionId: string, query: CustomerListQuery, cap = exactLimit(db)): Counting {
  return { table: customers, where: customerWhere(connectionId, query), cap, key: countKey("customers", connectionId, [query.q, query.filters]) };
}

/** How many customers match the query: exact up to a cap, beyond it the planner's estimate (./counts.ts). */
export function countCustomers(db: Database, connectionId: string, query: CustomerListQuery, cap = exactLimit(db)): Promise<ResultCount> {
  return countRows(db, customerCounting(db, connectionId, query, cap));
}

/** One page of a connection's customers and how many match, in one query where it can (./counts.ts). */
export function listCustomersCounted(db: Database, connectionId: string, query: CustomerListQuery, { cap, gate }: CountedReadOptions = {}): Promise<{ page: Page<CustomerListItem>; count: ResultCount }> {
  return readCountedPage(db, customerSource(db, connectionId, query), query, customerCounting(db, connectionId, query, cap), gate);
}

/** One page of a connection's customers. */
export function listCustomers(db: Database, connectionId: string, query: CustomerListQuery): Promise<Page<CustomerListItem>> {
  return readPage(customerSource(db, connectionId, query), query);
}

/** Every customer matching the query, in list order, in keyset batches (for CSV export). */
export function iterateCustomers(db: Database, connectionId: string, query: CustomerListQuery, batchSize = 1000): AsyncGenerator<CustomerListItem[], void> {
  return iterateRows(customerSource(db, connectionId, query), query, batchSize);
}

/** One customer, or null when unknown, deleted or another connection's. The street lines live only in Fortnox's JSON. */
export async function getCustomer(db: Database, connectionId: string, customerNumber: string): Promise<(CustomerListItem & { syncedAt: Date; address1: string | null; address2: string | null }) | null> {
  const [customer] = await db
    .select({ ...listColumns, syncedAt: customers.syncedAt, address1: sql<string | null>`${customers.raw}->>'Address1'`, address2: sql<string | null>`${customers.raw}->>'Address2'` })
    .from(customers)
    .where(and(eq(customers.connectionId, connectionId), eq(customers.customerNumber, customerNumber), isNull(customers.deletedAt)));
  return customer ?? null;
}
