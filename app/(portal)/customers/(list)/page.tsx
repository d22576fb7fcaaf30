import type { Metadata } from "next";

import { getTranslator } from "@/lib/i18n/server";
import { ListPage } from "@/components/browse/list-page";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("customers.title") };
}

export default function CustomersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  return <ListPage resource="customers" searchParams={searchParams} />;
}
