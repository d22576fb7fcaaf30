import type { ApiRoute } from "../core/types";

import { articleRoutes } from "./articles";
import { companyRoutes } from "./company";
import { customerRoutes } from "./customers";
import { invoiceActionRoutes } from "./invoice-actions";
import { invoiceRoutes } from "./invoices";

/** Every implemented /3 operation. Patterns never overlap (segment counts differ), so order does not matter. */
export const apiRoutes: ApiRoute[] = [...invoiceActionRoutes, ...customerRoutes, ...articleRoutes, ...invoiceRoutes, ...companyRoutes];
