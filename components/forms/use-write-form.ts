"use client";

import { startTransition, useActionState, type FormEvent } from "react";

import type { ActionResult } from "@/lib/actions/result";

type Action<T> = (prev: ActionResult<T> | null, formData: FormData) => Promise<ActionResult<T>>;

/**
 * useActionState for write forms. Submitting through onSubmit (rather than only the form's action)
 * keeps what the user typed after a rejected save: React resets an action form's uncontrolled
 * fields once the action settles. Without JavaScript the form's action still posts.
 */
export function useWriteForm<T>(action: Action<T>) {
  const [state, formAction, pending] = useActionState<ActionResult<T> | null, FormData>(action, null);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => formAction(data));
  };
  const errorsFor = (name: string): string[] | undefined => (state && !state.ok ? state.fields?.[name] : undefined);
  return { state, formAction, pending, onSubmit, errorsFor };
}
