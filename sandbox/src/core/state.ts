import { randomBytes, randomUUID } from "node:crypto";

import { emptyPortal, type PortalData } from "../developer/store";

import type { ChangeEvent, TestDatabase } from "./types";

/** A registered app, as in Fortnox's Developer Portal. */
export interface App {
  clientId: string;
  clientSecret: string;
  name: string;
  redirectUris: string[];
  /** Scopes enabled for the app; asking for any other fails with invalid_scope before login. */
  scopes: string[];
  /** "Service account (administrator only)" in the portal. */
  serviceAccounts: boolean;
  webhookUrl?: string;
  createdAt: string;
}

export interface AuthCode {
  code: string;
  clientId: string;
  tenantId: number;
  userId: string;
  scopes: string[];
  /** The redirect_uri sent to /auth, or null when it was omitted. */
  redirectUri: string | null;
  serviceAccount: boolean;
  expiresAt: number;
}

export interface RefreshGrant {
  token: string;
  clientId: string;
  tenantId: number;
  userId: string;
  scopes: string[];
  expiresAt: number;
}

/** A service-account consent: one per client + tenant; client_credentials needs it. */
export interface Consent {
  clientId: string;
  tenantId: number;
  scopes: string[];
  userId: string;
  createdAt: string;
}

export interface StoredEvent extends ChangeEvent {
  offset: number;
}

export const MAX_DATABASES = 30;

export class SandboxState {
  apps = new Map<string, App>();
  databases = new Map<number, TestDatabase>();
  codes = new Map<string, AuthCode>();
  refreshTokens = new Map<string, RefreshGrant>();
  consents = new Map<string, Consent>();
  events: StoredEvent[] = [];
  /** Developers, App Market and statistics (sandbox/src/developer/store.ts). */
  portal: PortalData = emptyPortal();
  /** Demo speed: the rate-limit window is divided by this (sandbox/src/api/speed.ts). */
  speedScale = 1;
  nextTenantId = 1_000_001;
  nextOffset = 1;
  /** Base64 JWT signing secret; kept with the state so issued tokens survive a restart. */
  secret?: string;
  /** Bumped on every change; the persistence layer snapshots when it moves. */
  version = 0;

  touch(): void {
    this.version++;
  }

  createApp(input: Omit<App, "clientId" | "clientSecret" | "createdAt">): App {
    const app: App = { ...input, clientId: randomBytes(9).toString("base64url"), clientSecret: randomBytes(18).toString("base64url"), createdAt: new Date().toISOString() };
    this.apps.set(app.clientId, app);
    this.touch();
    return app;
  }

  issueRefreshToken(grant: Omit<RefreshGrant, "token">): string {
    const token = randomUUID();
    this.refreshTokens.set(token, { ...grant, token });
    this.touch();
    return token;
  }

  consentKey(clientId: string, tenantId: number): string {
    return `${clientId}:${tenantId}`;
  }

  /** Record a data change for the WebSocket topics API (kept two weeks, as Fortnox replays). */
  recordEvent(event: ChangeEvent): StoredEvent {
    const stored = { ...event, offset: this.nextOffset++ };
    this.events.push(stored);
    const cutoff = event.timestamp.getTime() - 14 * 24 * 3600_000;
    while (this.events.length > 0 && this.events[0]!.timestamp.getTime() < cutoff) this.events.shift();
    this.touch();
    return stored;
  }
}
