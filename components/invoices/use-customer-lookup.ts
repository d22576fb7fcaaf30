"use client";

import { useLookup } from "@/components/forms/use-lookup";

export interface CustomerChoice {
  customerNumber: string;
  name: string;
  organisationNumber?: string | null;
  city?: string | null;
}

/** Customers for the invoice form's picker: an empty search lists the first ones, so focus alone offers a choice. */
export function useCustomerLookup(connectionId: string) {
  const { items, loading, search } = useLookup<CustomerChoice>(connectionId, "customers", { delayMs: 150, searchEmpty: true });
  return { results: items, loading, search };
}
