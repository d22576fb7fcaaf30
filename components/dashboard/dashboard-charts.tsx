import type { MonthTotal, PaymentSummary, TopCustomer } from "@/lib/db/queries/dashboard";
import { formatMoney, formatNumber } from "@/lib/format";
import type { Translate } from "@/components/browse/list-header";

import { AmountBarChart } from "./bar-chart";
import { ChartFrame } from "./chart-frame";

const STATE_COLORS = { paid: "#15803d", unpaid: "#1f6f9f", overdue: "#b91c1c" } as const;

/** The dashboard's three charts, each with its table; server-rendered around client-side drawings. */
export function DashboardCharts({ monthly, payments, top, t, locale }: { monthly: MonthTotal[]; payments: PaymentSummary; top: TopCustomer[]; t: Translate; locale: "sv" | "en" }) {
  const money = (n: number) => formatMoney(n, "SEK", locale);
  const states = (["paid", "unpaid", "overdue"] as const).map((s) => ({ state: s, label: t(`invoices.status.${s}`), ...payments[s] }));
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <div className="lg:col-span-2">
        <ChartFrame
          id="chart-monthly"
          title={t("dashboard.monthly")}
          note={t("dashboard.sekOnly")}
          table={{
            caption: t("dashboard.monthly"),
            headers: [t("dashboard.month"), t("dashboard.amount"), t("dashboard.count")],
            rows: monthly.map((m) => [m.month, money(m.amount), formatNumber(m.count, locale, 0)]),
          }}
        >
          <AmountBarChart data={monthly.map((m) => ({ label: m.month, value: m.amount }))} locale={locale} />
        </ChartFrame>
      </div>
      <ChartFrame
        id="chart-payments"
        title={t("dashboard.payments")}
        table={{
          caption: t("dashboard.payments"),
          headers: [t("dashboard.payments.state"), t("dashboard.amount"), t("dashboard.count")],
          rows: states.map((s) => [s.label, money(s.amount), formatNumber(s.count, locale, 0)]),
        }}
      >
        <AmountBarChart data={states.map((s) => ({ label: `${s.label} (${formatNumber(s.count, locale, 0)})`, value: s.amount, color: STATE_COLORS[s.state] }))} locale={locale} />
      </ChartFrame>
      <ChartFrame
        id="chart-top"
        title={t("dashboard.top")}
        table={{
          caption: t("dashboard.top"),
          headers: [t("invoices.customer"), t("dashboard.amount")],
          rows: top.map((c) => [`${c.customerName} (${c.customerNumber})`, money(c.amount)]),
        }}
      >
        <AmountBarChart data={top.map((c) => ({ label: c.customerName, value: c.amount }))} locale={locale} layout="vertical" />
      </ChartFrame>
    </div>
  );
}
