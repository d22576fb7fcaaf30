import "next-auth";

declare module "next-auth" {
  interface Session {
    /** The connection chosen at sign-in; the active company may differ (see lib/auth/guards.ts). */
    connectionId: string;
  }
}
