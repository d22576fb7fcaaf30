/** Shared class lists for the few primitives Brygga needs; kept here so every page looks the same. */
export const buttonPrimary =
  "inline-flex items-center justify-center rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-700 disabled:opacity-60";
export const buttonSecondary =
  "inline-flex items-center justify-center rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-800 shadow-sm hover:bg-slate-50";
export const buttonDanger =
  "inline-flex items-center justify-center rounded-md border border-red-300 bg-white px-4 py-2 text-sm font-semibold text-red-700 shadow-sm hover:bg-red-50";
export const card = "rounded-lg border border-slate-200 bg-white p-6 shadow-sm";
export const input = "rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900";
