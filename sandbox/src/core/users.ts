import type { SandboxUser, TestDatabase } from "./types";

/**
 * A user who may still act in the company: present and not deactivated. Fortnox stops a removed or
 * deactivated user's access at once: their refresh tokens are refused and their access tokens get 401.
 */
export function activeUser(db: TestDatabase | undefined, userId: string): SandboxUser | undefined {
  const user = db?.users.find((u) => u.id === userId);
  return user && user.active !== false ? user : undefined;
}
