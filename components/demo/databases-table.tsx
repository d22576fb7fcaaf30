import { resetDemoDatabaseAction } from "@/lib/demo/actions";
import type { SandboxDatabase } from "@/lib/demo/sandbox";
import type { MessageKey } from "@/lib/i18n/dictionaries";
import { DemoStartForm } from "@/components/home/demo-start-form";
import { PendingButton } from "@/components/home/pending-button";
import { buttonPrimary, buttonSecondary } from "@/components/ui/styles";
import { caption, table, TableScroll, td, tdNumeric, th, thNumeric } from "@/components/ui/table";

type T = (key: MessageKey, vars?: Record<string, string>) => string;

function size(db: SandboxDatabase): string {
  const c = db.counts ?? {};
  const n = (k: string) => (typeof c[k] === "number" ? c[k].toLocaleString("sv-SE") : "–");
  return `${n("customers")} / ${n("articles")} / ${n("invoices")}`;
}

/** The sandbox's test databases, each with connect and reset. */
export function DatabasesTable({ t, databases, highlight }: { t: T; databases: SandboxDatabase[]; highlight: number | null }) {
  if (databases.length === 0) return <p className="text-sm text-slate-600">{t("demo.databases.none")}</p>;
  return (
    <TableScroll label={t("demo.databases")}>
      <table className={table}>
        <caption className={caption}>{t("demo.databases")}</caption>
        <thead>
          <tr>
            <th scope="col" className={th}>{t("demo.col.company")}</th>
            <th scope="col" className={th}>{t("demo.col.orgno")}</th>
            <th scope="col" className={thNumeric}>{t("demo.col.tenant")}</th>
            <th scope="col" className={thNumeric}>{t("demo.col.size")}</th>
            <th scope="col" className={th}>{t("demo.col.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {databases.map((db) => (
            <tr key={db.tenantId} data-testid="demo-database" data-tenant={db.tenantId} className={highlight === db.tenantId ? "bg-brand-50" : undefined}>
              <td className={td}>{db.companyName}</td>
              <td className={td}>{db.organizationNumber ?? "–"}</td>
              <td className={tdNumeric}>{db.tenantId}</td>
              <td className={tdNumeric}>{size(db)}</td>
              <td className={td}>
                <div className="flex gap-2">
                  <DemoStartForm from="demo" tenantId={db.tenantId} className={buttonPrimary} label={t("demo.connect")} pendingLabel={t("home.demo.starting")} />
                  <form action={resetDemoDatabaseAction} aria-label={t("demo.reset.label", { company: db.companyName })}>
                    <input type="hidden" name="tenantId" value={db.tenantId} />
                    <PendingButton className={buttonSecondary} label={t("demo.reset")} pendingLabel={t("demo.reset")} />
                  </form>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
