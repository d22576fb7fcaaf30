"use client";

import { useEffect, useRef, type KeyboardEvent, type ReactNode } from "react";

const ROW_LINK = "a[data-row-link]";
const TYPING = "input, textarea, select, [contenteditable=''], [contenteditable='true'], [role='combobox']";

/**
 * Keyboard use of a list. `/` focuses the search box (unless the user is typing somewhere); in the
 * table, each row's main link is one stop of a roving focus: Tab enters the rows once, the arrow
 * keys (and Home/End) move between rows, Enter opens the row. Without JavaScript the links are
 * plain links in the tab order.
 */
export function RowNavigation({ rowsKey, searchId, hint, children }: { rowsKey: string; searchId: string; hint: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const links = () => [...(ref.current?.querySelectorAll<HTMLAnchorElement>(ROW_LINK) ?? [])];

  // New rows (another page, a new search): the first row is the one stop again.
  useEffect(() => {
    links().forEach((a, i) => (a.tabIndex = i === 0 ? 0 : -1));
  }, [rowsKey]);

  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
      if (e.target instanceof Element && e.target.closest(TYPING)) return;
      const search = document.getElementById(searchId);
      if (!(search instanceof HTMLInputElement)) return;
      e.preventDefault();
      search.focus();
      search.select();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [searchId]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!(e.target instanceof Element) || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
    const all = links();
    const rows = all.map((a) => a.closest("tr"));
    const current = rows.indexOf(e.target.closest("tr"));
    if (current === -1) return;
    const target = { ArrowDown: current + 1, ArrowUp: current - 1, Home: 0, End: all.length - 1 }[e.key];
    if (target === undefined || target < 0 || target >= all.length) return;
    e.preventDefault();
    all.forEach((a, i) => (a.tabIndex = i === target ? 0 : -1));
    all[target]!.focus();
  };

  return (
    <div ref={ref} onKeyDown={onKeyDown} className="space-y-2">
      {children}
      <p className="text-xs text-slate-600">{hint}</p>
    </div>
  );
}
