"use client";

import { useEffect, useRef } from "react";

import type { ActionResult } from "@/lib/actions/result";

import { fieldId } from "./field";

/**
 * The form-level error summary. It takes focus whenever a new failed result arrives, so keyboard
 * and screen-reader users land on what went wrong, and links each field error to its control.
 */
export function ErrorSummary({ result, title, fieldsIntro, labelOf }: { result: ActionResult<unknown> | null; title: string; fieldsIntro: string; labelOf: (field: string) => string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (result && !result.ok) ref.current?.focus();
  }, [result]);
  if (!result || result.ok) return null;
  const fields = Object.entries(result.fields ?? {});
  return (
    <div ref={ref} tabIndex={-1} role="alert" aria-labelledby="form-error-title" className="rounded-md border border-red-300 bg-red-50 p-4 text-sm text-red-900 focus:outline-2 focus:outline-red-700">
      <h2 id="form-error-title" className="font-semibold">
        {title}
      </h2>
      <p className="mt-1">{result.message}</p>
      {fields.length > 0 ? (
        <>
          <p className="mt-2">{fieldsIntro}</p>
          <ul className="mt-1 list-disc pl-5">
            {fields.map(([name, messages]) => (
              <li key={name}>
                <a href={`#${fieldId(name)}`} className="underline">
                  {labelOf(name)}
                </a>
                : {messages.join(" ")}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
