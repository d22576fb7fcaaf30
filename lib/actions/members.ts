"use server";

import { z } from "zod";

import { getDb } from "@/lib/db/client";
import { msg } from "@/lib/forms/message-ref";
import { ASSIGNABLE_ROLES, changeMemberRole, removeMember } from "@/lib/settings/members";

import { defineAction } from "./define-action";
import type { ActionResult } from "./result";

/** The members page's actions: admins only, scoped to the posted company by the wrapper's guard. */

const MEMBERS_PATH = "/settings/members";
const membershipId = z.uuid({ error: msg("settings.members.error.notFound") });

const changeRole = defineAction({
  schema: z.object({ membershipId, role: z.enum(ASSIGNABLE_ROLES, { error: msg("settings.members.error.role") }) }),
  role: "admin",
  forbiddenMessage: "settings.members.forbidden",
  async run(input, ctx) {
    return changeMemberRole(await getDb(), { tenantId: ctx.company.tenantId, actorUserId: ctx.viewer.user.id, membershipId: input.membershipId, role: input.role });
  },
  revalidate: () => [MEMBERS_PATH],
});

const remove = defineAction({
  schema: z.object({ membershipId }),
  role: "admin",
  forbiddenMessage: "settings.members.forbidden",
  async run(input, ctx) {
    const { sessionsEnded } = await removeMember(await getDb(), { tenantId: ctx.company.tenantId, actorUserId: ctx.viewer.user.id, membershipId: input.membershipId });
    return { removed: true as const, sessionsEnded };
  },
  // Removing oneself (allowed while another admin remains) leaves a page one may no longer see.
  revalidate: () => [{ layout: "/" }],
});

export type RoleChange = { from: "admin" | "member" | "viewer"; to: "member" | "viewer" };
export type Removal = { removed: true; sessionsEnded: boolean };

export async function changeMemberRoleAction(prev: ActionResult<RoleChange> | null, formData: FormData): Promise<ActionResult<RoleChange>> {
  return changeRole(prev, formData);
}

export async function removeMemberAction(prev: ActionResult<Removal> | null, formData: FormData): Promise<ActionResult<Removal>> {
  return remove(prev, formData);
}
