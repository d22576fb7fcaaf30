import type { ReactNode } from "react";

import { CUSTOMER_TYPES, customerListSpec } from "@/lib/db/queries/customers";
import { selectFilter } from "@/components/browse/filter-specs";
import { ListLayout } from "@/components/browse/list-layout";

export default function CustomerListLayout({ children }: { children: ReactNode }) {
  return (
    <ListLayout
      resource="customers"
      sort={customerListSpec}
      fields={(t) => [
        { kind: "search", name: "q", label: t("list.search"), hint: t("customers.search.hint"), wide: true, keyShortcut: "/" },
        selectFilter("active", t("customers.state"), t, [
          ["active", "customers.state.active"],
          ["inactive", "customers.state.inactive"],
        ]),
        selectFilter("type", t("customers.type"), t, CUSTOMER_TYPES.map((type) => [type, `customers.type.${type}`] as const)),
      ]}
    >
      {children}
    </ListLayout>
  );
}
