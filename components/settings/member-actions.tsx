"use client";

import { useActionState, useState } from "react";

import { changeMemberRoleAction, removeMemberAction, type Removal, type RoleChange } from "@/lib/actions/members";
import type { ActionResult } from "@/lib/actions/result";
import { buttonDanger, buttonSecondary, input } from "@/components/ui/styles";

export interface MemberActionLabels {
  roleFor: string;
  roles: { admin: string; member: string; viewer: string };
  save: string;
  saved: string;
  remove: string;
  removeFor: string;
  removeConfirm: string;
  removed: string;
  cancel: string;
}

interface Props {
  connectionId: string;
  membershipId: string;
  role: "admin" | "member" | "viewer";
  labels: MemberActionLabels;
}

/** One member's role change and removal; refusals (last admin, gone meanwhile) show inline. */
export function MemberActions({ connectionId, membershipId, role, labels }: Props) {
  const [roleState, roleAction, rolePending] = useActionState<ActionResult<RoleChange> | null, FormData>(changeMemberRoleAction, null);
  const [removeState, removeAction, removePending] = useActionState<ActionResult<Removal> | null, FormData>(removeMemberAction, null);
  const [confirming, setConfirming] = useState(false);
  const selectId = `role-${membershipId}`;
  const failure = [roleState, removeState].find((s) => s && !s.ok);
  return (
    <div className="flex flex-col gap-2">
      <form action={roleAction} className="flex flex-wrap items-center gap-2">
        <input type="hidden" name="connectionId" value={connectionId} />
        <input type="hidden" name="membershipId" value={membershipId} />
        <label htmlFor={selectId} className="sr-only">
          {labels.roleFor}
        </label>
        <select id={selectId} name="role" defaultValue={role} className={input}>
          {role === "admin" ? (
            <option value="admin" disabled>
              {labels.roles.admin}
            </option>
          ) : null}
          <option value="member">{labels.roles.member}</option>
          <option value="viewer">{labels.roles.viewer}</option>
        </select>
        <button type="submit" className={buttonSecondary} disabled={rolePending}>
          {labels.save}
        </button>
      </form>
      {confirming ? (
        <form action={removeAction} className="rounded-md border border-red-200 bg-red-50 p-3">
          <p id={`remove-${membershipId}`} className="text-sm text-red-900">
            {labels.removeConfirm}
          </p>
          <input type="hidden" name="connectionId" value={connectionId} />
          <input type="hidden" name="membershipId" value={membershipId} />
          <div className="mt-2 flex gap-2">
            <button type="submit" className={buttonDanger} disabled={removePending} aria-describedby={`remove-${membershipId}`}>
              {labels.remove}
            </button>
            <button type="button" className={buttonSecondary} onClick={() => setConfirming(false)}>
              {labels.cancel}
            </button>
          </div>
        </form>
      ) : (
        <button type="button" className={buttonDanger} onClick={() => setConfirming(true)} aria-label={labels.removeFor}>
          {labels.remove}
        </button>
      )}
      <p role="status" className="text-sm text-green-800">
        {roleState?.ok ? labels.saved : removeState?.ok ? labels.removed : ""}
      </p>
      {failure && !failure.ok ? (
        <p role="alert" className="text-sm text-red-700">
          {failure.message}
          {failure.fields ? ` ${Object.values(failure.fields).flat().join(" ")}` : ""}
        </p>
      ) : null}
    </div>
  );
}
