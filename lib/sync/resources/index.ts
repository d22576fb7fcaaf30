import "server-only";

import { articlesSync } from "./articles";
import { customersSync } from "./customers";
import { invoicesSync } from "./invoices";
import type { AnySyncResource, ResourceName } from "./types";

export { articlesSync, customersSync, invoicesSync };
export { RESOURCE_NAMES, type AnySyncResource, type ResourceName, type SyncResource } from "./types";

/** Every synced resource, in the order a run starts them. */
export const SYNC_RESOURCES: readonly AnySyncResource[] = [customersSync, articlesSync, invoicesSync];

export function syncResource(name: ResourceName): AnySyncResource {
  return SYNC_RESOURCES.find((r) => r.name === name)!;
}
