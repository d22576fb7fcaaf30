"use client";

import type { FormEvent, ReactNode } from "react";

import { showListUrl } from "./list-link";

/**
 * The list's search and filter form. Without JavaScript it is a plain GET form (the server reads
 * the URL); with it, submitting changes the URL in place (the list fetches its rows for it) and
 * leaves empty fields out of the URL.
 */
export function FilterForm({ action, label, onSubmitted, children }: { action: string; label: string; onSubmitted?: (search: string) => void; children: ReactNode }) {
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const [key, value] of new FormData(event.currentTarget)) {
      if (typeof value === "string" && value.trim() !== "") params.set(key, value.trim());
    }
    const qs = params.toString();
    onSubmitted?.(qs);
    showListUrl(qs ? `${action}?${qs}` : action);
  }

  return (
    <form method="get" action={action} role="search" aria-label={label} onSubmit={onSubmit} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      {children}
    </form>
  );
}
