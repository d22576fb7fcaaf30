import type { ReactNode } from "react";

/*
 * Table primitives. A wide table scrolls sideways inside its own region (so a 375 px screen never
 * scrolls the whole page); the region is focusable and named so keyboard users can scroll it too.
 */

export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      {children}
    </div>
  );
}

// Named classes from app/globals.css (@layer components), so utilities added beside them still win.
export const table = "t-table";
export const caption = "sr-only";
export const th = "t-th";
export const thNumeric = "t-th-num";
export const td = "t-td";
/** A row's own header cell (its number or name), read as plain text. */
export const thRow = "t-th-row";
/** A secondary value beside a cell's main one (a customer's number beside the name). */
export const sub = "t-sub";
export const tdNumeric = "t-td-num";
export const tdWrap = "t-td-wrap";
// Row and sort links in lists pass prefetch={false}: Next would otherwise prefetch every link in
// view, some 60 background requests for one page of 25 rows.
export const link = "t-link";

const tones = { neutral: "badge badge-neutral", good: "badge badge-good", warn: "badge badge-warn", bad: "badge badge-bad", info: "badge badge-info" } as const;

export type BadgeTone = keyof typeof tones;

export function Badge({ tone = "neutral", children }: { tone?: BadgeTone; children: ReactNode }) {
  return <span className={tones[tone]}>{children}</span>;
}

export interface BadgeSpec {
  tone: BadgeTone;
  text: string;
}

/** Badges side by side (a state and its markers), from plain data: usable from client components. */
export function Badges({ items }: { items: BadgeSpec[] }) {
  return (
    <span className="inline-flex gap-1">
      {items.map((b, i) => (
        <Badge key={i} tone={b.tone}>
          {b.text}
        </Badge>
      ))}
    </span>
  );
}

/** A term/description pair for detail pages. */
export function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-sm text-slate-600">{term}</dt>
      <dd className="mt-0.5 font-medium text-slate-900">{children}</dd>
    </div>
  );
}
