import type { Database } from "@/lib/db/client";

import { grantOperator, listOperators, revokeOperator, type GrantOutcome } from "./operators";

const USAGE = "Usage: npm run ops -- grant <user-id|e-mail> | revoke <user-id|e-mail> | list";

function ambiguity(who: string, outcome: Extract<GrantOutcome, { kind: "ambiguous" }>): string[] {
  return [
    `${outcome.candidates.length} users have the e-mail ${who}; an e-mail does not identify a person. Run the command again with one of these ids:`,
    ...outcome.candidates.map((c) => `  ${c.id}  ${c.name} <${c.email}>  last seen ${c.lastSeenAt?.toISOString() ?? "never"}`),
  ];
}

/** The command's logic, separate from the process so tests run it against their own database. */
export async function runOpsCommand(db: Database, argv: string[]): Promise<{ code: number; lines: string[] }> {
  const [command, who, ...rest] = argv;
  if (command === "list" && who === undefined) {
    const rows = await listOperators(db);
    if (rows.length === 0) return { code: 0, lines: ["No operators. Grant one with: npm run ops -- grant <user-id|e-mail>"] };
    return { code: 0, lines: rows.map((r) => `${r.id}  ${r.name} <${r.email}>  granted ${r.grantedAt.toISOString()} by ${r.grantedBy}`) };
  }
  if ((command !== "grant" && command !== "revoke") || !who || rest.length > 0) return { code: 2, lines: [USAGE] };
  const outcome = command === "grant" ? await grantOperator(db, who, "cli") : await revokeOperator(db, who);
  switch (outcome.kind) {
    case "not_found":
      return { code: 1, lines: [`No user matches ${who}. The person must sign in to Brygga once first; then use their id or e-mail.`] };
    case "ambiguous":
      return { code: 1, lines: ambiguity(who, outcome) };
    case "granted":
      return { code: 0, lines: [`${outcome.user.name} <${outcome.user.email}> (${outcome.user.id}) is now an operator.`] };
    case "already":
      return { code: 0, lines: [`${outcome.user.name} <${outcome.user.email}> (${outcome.user.id}) was already an operator.`] };
    case "revoked":
      return { code: 0, lines: [`${outcome.user.name} <${outcome.user.email}> (${outcome.user.id}) is no longer an operator.`] };
    case "was_not":
      return { code: 0, lines: [`${outcome.user.name} <${outcome.user.email}> (${outcome.user.id}) was not an operator.`] };
  }
}
