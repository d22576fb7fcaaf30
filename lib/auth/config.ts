import "server-only";

import NextAuth, { type NextAuthConfig } from "next-auth";
import type { OAuthConfig } from "next-auth/providers";

import { onboardConnection } from "@/lib/connections/onboard";
import { getBoss } from "@/lib/jobs/boss";
import { nudgeRealtime } from "@/lib/sync/realtime/production";
import { requestSync } from "@/lib/sync/request";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { getRateLimiter } from "@/lib/fortnox/api";
import { fetchIdentity, IdentityError, type FortnoxIdentity } from "@/lib/fortnox/identity";
import { revokeRefreshToken } from "@/lib/fortnox/oauth";
import { fortnoxEndpoints } from "@/lib/fortnox/provider";
import { translateRef } from "@/lib/forms/message-ref";
import { dictionaries } from "@/lib/i18n/dictionaries";
import { getLocale } from "@/lib/i18n/server";
import { logger } from "@/lib/log";
import { grantAtSignIn } from "@/lib/ops/operators";

import { classifyOAuthError, clearIntent, readIntent, rememberFailure } from "./connect-flow";
import { createSession, revokeSession } from "./server-sessions";
import { readSessionId } from "./session";

/** The Fortnox NextAuth provider: plain OAuth2 (no OIDC), client_secret_basic, state check. */
function fortnoxProvider(): OAuthConfig<FortnoxIdentity> {
  const { fortnox } = getEnv();
  const urls = fortnoxEndpoints(fortnox);
  return {
    id: "fortnox",
    name: "Fortnox",
    type: "oauth",
    clientId: fortnox.clientId,
    clientSecret: fortnox.clientSecret,
    authorization: { url: urls.authorize, params: { scope: fortnox.scopes.join(" "), access_type: "offline", response_type: "code" } },
    token: {
      url: urls.token,
      // Auth.js turns a refused code exchange into a generic error; note the precise reason first.
      async conform(response: Response) {
        if (!response.ok) {
          const body = (await response.clone().json().catch(() => ({}))) as { error?: string; error_description?: string };
          await rememberFailure(classifyOAuthError(body.error ?? "", body.error_description), body.error_description);
        }
        return response;
      },
    },
    client: { token_endpoint_auth_method: "client_secret_basic" },
    checks: ["state"],
    userinfo: {
      url: urls.companyInformation,
      async request({ tokens }: { tokens: { access_token?: string; scope?: string } }) {
        try {
          // Through the company's shared budget, ahead of its sync (lib/fortnox/identity.ts).
          return await fetchIdentity(fortnox, tokens.access_token ?? "", (tokens.scope ?? "").split(" "), { limiter: await getRateLimiter(), clientId: fortnox.clientId });
        } catch (e) {
          // "Fortnox is busy, try again in N s" arrives as a message reference; show it translated.
          const detail = e instanceof IdentityError && e.reason === "fortnox_busy" ? translateRef(e.message, dictionaries[await getLocale()]) : e instanceof Error ? e.message : undefined;
          await rememberFailure(e instanceof IdentityError && e.reason === "missing_licence" ? "missing_licence" : "unknown", detail);
          throw e;
        }
      },
    },
    profile: (identity) => ({ id: `${identity.tenantId}:${identity.user.fortnoxId}`, name: identity.user.name, email: identity.user.email }),
  };
}

function config(): NextAuthConfig {
  const env = getEnv();
  return {
    secret: env.authSecret,
    trustHost: true,
    session: { strategy: "jwt", maxAge: 8 * 3600 },
    pages: { signIn: "/activate", error: "/connect/error" },
    providers: [fortnoxProvider()],
    logger: {
      error: (error) => logger.error("auth error", { error }),
      warn: (code) => logger.warn("auth warning", { code }),
      debug: () => undefined,
    },
    events: {
      // Sign-out ends the server-side session at once: a copy of the cookie is worthless from now on.
      async signOut(message) {
        const sid = "token" in message ? message.token?.sid : undefined;
        if (typeof sid === "string") await revokeSession(await getDb(), sid, "sign_out");
      },
    },
    callbacks: {
      /**
       * On consent: onboard and keep only ids in the session cookie. Fortnox tokens go to the
       * encrypted token store and never into the session, the browser or a log line.
       */
      async jwt({ token, account, profile }) {
        if (!account || !profile) return token;
        const identity = profile as unknown as FortnoxIdentity;
        if (identity.unlicensedScopes.length > 0) {
          await rememberFailure("missing_licence", identity.unlicensedScopes.join(", "));
          throw new IdentityError("missing_licence", `No Fortnox licence for: ${identity.unlicensedScopes.join(", ")}`);
        }
        const intent = await readIntent();
        const result = await onboardConnection(await getDb(), env.tokenKeys, {
          identity,
          tokens: {
            access_token: account.access_token ?? "",
            refresh_token: account.refresh_token,
            expires_in: Number(account.expires_in ?? 3600),
            scope: account.scope ?? "",
            token_type: account.token_type ?? "bearer",
          },
          serviceAccount: intent?.service ?? false,
          environment: env.mode === "production" ? "production" : "test",
          linkUserId: intent?.linkUserId,
          revokeRefreshToken: (token) => {
            const urls = fortnoxEndpoints(env.fortnox);
            return revokeRefreshToken({ tokenUrl: urls.token, revokeUrl: urls.revoke, clientId: env.fortnox.clientId, clientSecret: env.fortnox.clientSecret }, token);
          },
        });
        await clearIntent();
        if (await grantAtSignIn(await getDb(), env.mode, result.userId)) logger.info("demo mode: the first user to sign in became operator", { userId: result.userId });
        // The first sync starts at once, so the portal fills while the user looks at it. With
        // no cursor yet it is a full pass; a reconnect continues incrementally.
        await requestSync(await getDb(), getBoss(), result.connectionId, "incremental", "connect");
        // Its real-time events start now too, not at the consumer's next look (up to a minute).
        nudgeRealtime();
        // A server-side session the cookie points at, so it can be ended before the cookie expires.
        // The session this sign-in replaces (adding a company while signed in) ends now.
        const previous = await readSessionId();
        if (previous) await revokeSession(await getDb(), previous, "replaced");
        const sid = await createSession(await getDb(), result.userId);
        return { uid: result.userId, cid: result.connectionId, sid, sub: result.userId };
      },
      session({ session, token }) {
        return { ...session, user: { ...session.user, id: typeof token.uid === "string" ? token.uid : "" }, connectionId: typeof token.cid === "string" ? token.cid : "" };
      },
    },
  };
}

export const { handlers, auth, signIn, signOut, unstable_update: updateSession } = NextAuth(() => config());
