import type { ReactNode } from "react";

import { CUSTOMER_TYPES, customerListSpec } from "@/lib/db/queries/customers";
import { getTranslator } from "@/lib/i18n/server";
import { sortSpec } from "@/components/browse/filter-specs";
import { ListFrame } from "@/components/browse/list-header";
import { ListFilters } from "@/components/browse/list-filters";

/** The customer list's title and search form: rendered once per visit, not per view (ListFrame). */
export default async function CustomerListLayout({ children }: { children: ReactNode }) {
  const { t } = await getTranslator();
  return (
    <ListFrame
      title={t("customers.title")}
      newHref="/customers/new"
      newLabel={t("customers.new")}
      filters={
        <ListFilters
          action="/customers"
          label={t("list.filters")}
          sort={sortSpec(customerListSpec)}
          footer={{ pageSize: t("list.pageSize"), apply: t("list.apply"), reset: t("list.reset") }}
          fields={[
            { kind: "search", name: "q", label: t("list.search"), hint: t("customers.search.hint"), wide: true, keyShortcut: "/" },
            {
              kind: "select",
              name: "active",
              label: t("customers.state"),
              anyLabel: t("list.all"),
              options: [
                { value: "active", label: t("customers.state.active") },
                { value: "inactive", label: t("customers.state.inactive") },
              ],
            },
            { kind: "select", name: "type", label: t("customers.type"), anyLabel: t("list.all"), options: CUSTOMER_TYPES.map((type) => ({ value: type, label: t(`customers.type.${type}`) })) },
          ]}
        />
      }
    >
      {children}
    </ListFrame>
  );
}
