/**
 * `npm run ops -- grant <user-id|e-mail> | revoke <user-id|e-mail> | list`: who may open /ops.
 * The user must have signed in once (a row in `users`). An e-mail matching several users is refused
 * with the list of candidates; grant by id then. On the embedded database (PGlite) stop the portal
 * first: PGlite allows one process at a time.
 */
import { getDatabase } from "@/lib/db/client";
import { EnvError } from "@/lib/env";
import { runOpsCommand } from "@/lib/ops/cli";

try {
  const handle = await getDatabase();
  const { code, lines } = await runOpsCommand(handle.db, process.argv.slice(2));
  for (const line of lines) (code === 0 ? console.log : console.error)(line);
  await handle.close();
  process.exit(code);
} catch (e) {
  console.error(e instanceof EnvError ? e.problems.join("\n") : e instanceof Error ? `npm run ops failed: ${e.message}` : e);
  process.exit(1);
}
