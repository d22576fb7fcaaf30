"use client";

import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

import { formatMoney } from "@/lib/format";

export interface BarDatum {
  label: string;
  value: number;
  /** Optional per-bar colour (payment states); defaults to the brand colour. */
  color?: string;
}

/** Longest category label, in characters, that fits the vertical chart's label column on one line. */
const MAX_LABEL = 18;

/**
 * A category label on one line, shortened with an ellipsis: recharts wraps long names onto several
 * lines, and with ten bars in the chart's height the wrapped lines ran into each other. The full
 * names are in the chart's table.
 */
function CategoryTick({ x, y, payload }: { x?: number | string; y?: number | string; payload?: { value?: unknown } }) {
  const value = payload?.value;
  const full = typeof value === "string" || typeof value === "number" ? String(value) : "";
  const short = full.length > MAX_LABEL ? `${full.slice(0, MAX_LABEL - 1).trimEnd()}…` : full;
  return (
    <text className="category-tick" x={Number(x)} y={Number(y)} dx={-4} dy={4} textAnchor="end" fontSize={12} fill="#475569">
      {short}
    </text>
  );
}

const compact = (locale: "sv" | "en") => new Intl.NumberFormat(locale === "sv" ? "sv-SE" : "en-SE", { notation: "compact", maximumFractionDigits: 1 });

/**
 * One bar chart for every dashboard figure (amounts in SEK). recharts' keyboard layer is off: the
 * drawing is decorative next to its table, and a focusable element inside aria-hidden would trap
 * keyboard users in something they cannot hear.
 */
export function AmountBarChart({ data, locale, layout = "horizontal" }: { data: BarDatum[]; locale: "sv" | "en"; layout?: "horizontal" | "vertical" }) {
  const axis = compact(locale);
  const money = (v: number) => formatMoney(v, "SEK", locale);
  const vertical = layout === "vertical";
  return (
    // The first paint happens before the container is measured; starting at a phone's width means
    // it can only grow, never push a 375 px page sideways.
    <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 240, height: 256 }}>
      <BarChart data={data} layout={vertical ? "vertical" : "horizontal"} accessibilityLayer={false} margin={{ top: 4, right: 12, bottom: 4, left: 4 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
        {vertical ? (
          <>
            <XAxis type="number" tickFormatter={(v: number) => axis.format(v)} fontSize={12} />
            <YAxis type="category" dataKey="label" width={132} interval={0} tick={<CategoryTick />} />
          </>
        ) : (
          <>
            <XAxis dataKey="label" fontSize={12} />
            <YAxis tickFormatter={(v: number) => axis.format(v)} fontSize={12} width={56} />
          </>
        )}
        <Tooltip formatter={(v) => money(Number(v))} cursor={{ fill: "#eef6fb" }} />
        <Bar dataKey="value" fill="#1f6f9f" isAnimationActive={false}>
          {data.map((d) => (
            <Cell key={d.label} fill={d.color ?? "#1f6f9f"} />
          ))}
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}
