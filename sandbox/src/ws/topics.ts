import type { IncomingMessage, Server } from "node:http";

import { WebSocketServer, type WebSocket } from "ws";

import type { Sandbox } from "../core/context";
import type { StoredEvent } from "../core/state";
import { verifyAccessToken } from "../oauth/jwt";
import type { Duplex } from "node:stream";

/**
 * The WebSocket topics API at /topics-v1 (docs/fortnox.md#websocket-topics): one connection for all of an app's
 * tenants. add-tenants-v1 (client secret + access tokens) → add-topics-v1 (optionally from an
 * offset, to replay) → subscribe-v1 → events {topic, offset, type, tenantId, entityId, timestamp}.
 * Offsets are opaque strings, ordered per sandbox; replay covers two weeks.
 */

interface Session {
  /** Commands run strictly in arrival order, even though add-tenants verifies tokens asynchronously. */
  queue: Promise<void>;
  clientId: string | null;
  tenants: Set<number>;
  topics: Map<string, number>;
  subscribed: boolean;
}

const encodeOffset = (n: number) => n.toString(36).padStart(8, "0");
const decodeOffset = (s: string) => parseInt(s, 36);

function stockholmIso(d: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Stockholm", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23", timeZoneName: "longOffset" })
      .formatToParts(d)
      .map((p) => [p.type, p.value]),
  );
  const offset = String(parts.timeZoneName).replace("GMT", "") || "+00:00";
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}.${String(d.getMilliseconds()).padStart(3, "0")}${offset}`;
}

function wire(e: StoredEvent) {
  return { topic: e.topic, offset: encodeOffset(e.offset), type: e.type, tenantId: e.tenantId, entityId: e.entityId, timestamp: stockholmIso(e.timestamp) };
}

export function attachTopics(sb: Sandbox, server: Server): () => void {
  const wss = new WebSocketServer({ noServer: true });
  const sessions = new Map<WebSocket, Session>();

  const deliver = (ws: WebSocket, s: Session, e: StoredEvent) => {
    if (s.subscribed && s.tenants.has(e.tenantId) && s.topics.has(e.topic)) {
      ws.send(JSON.stringify(wire(e)));
      s.topics.set(e.topic, e.offset);
    }
  };
  const listener = (e: StoredEvent) => sessions.forEach((s, ws) => deliver(ws, s, e));
  sb.onEvent.add(listener);

  async function command(ws: WebSocket, s: Session, msg: Record<string, unknown>) {
    const reply = (body: object) => ws.send(JSON.stringify(body));
    switch (msg.command) {
      case "add-tenants-v1": {
        const app = [...sb.state.apps.values()].find((a) => a.clientSecret === msg.clientSecret);
        if (!app) return reply({ response: "add-tenants-v1", result: "error", message: "Invalid client secret" });
        const tenantIds: Record<string, number> = {};
        const invalid: string[] = [];
        for (const token of Array.isArray(msg.accessTokens) ? (msg.accessTokens as string[]) : []) {
          const claims = await verifyAccessToken(sb.jwtSecret, token, sb.clock.now());
          if (claims && claims.clientId === app.clientId) {
            s.tenants.add(claims.tenantId);
            tenantIds[token.slice(-8)] = claims.tenantId;
          } else invalid.push(token.slice(-8));
        }
        s.clientId = app.clientId;
        return reply({ response: "add-tenants-v1", result: invalid.length ? "error" : "ok", tenantIds: [...s.tenants], invalidTokens: invalid });
      }
      case "remove-tenants-v1":
        for (const t of Array.isArray(msg.tenants) ? (msg.tenants as number[]) : []) s.tenants.delete(Number(t));
        return reply({ response: "remove-tenants-v1", result: "ok", tenantIds: [...s.tenants] });
      case "list-tenants-v1":
        return reply({ response: "list-tenants-v1", result: "ok", tenantIds: [...s.tenants] });
      case "add-topics-v1": {
        for (const t of Array.isArray(msg.topics) ? (msg.topics as { topic?: string; offset?: string }[]) : []) {
          if (t.topic) s.topics.set(t.topic, t.offset ? decodeOffset(t.offset) : sb.state.nextOffset - 1);
        }
        return reply({ response: "add-topics-v1", result: "ok", topics: [...s.topics.keys()] });
      }
      case "subscribe-v1": {
        if (!s.clientId) return reply({ response: "subscribe-v1", result: "error", message: "Add tenants first" });
        s.subscribed = true;
        reply({ response: "subscribe-v1", result: "ok" });
        // Replay everything after each topic's offset, oldest first.
        const from = new Map(s.topics);
        for (const e of sb.state.events) if (e.offset > (from.get(e.topic) ?? Infinity)) deliver(ws, s, e);
        return;
      }
      default:
        return reply({ response: typeof msg.command === "string" ? msg.command : "unknown", result: "error", message: "Unknown command" });
    }
  }

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (new URL(req.url ?? "/", "http://x").pathname !== "/topics-v1") return socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => {
      const s: Session = { queue: Promise.resolve(), clientId: null, tenants: new Set(), topics: new Map(), subscribed: false };
      sessions.set(ws, s);
      ws.on("message", (data) => {
        let msg: Record<string, unknown>;
        try {
          msg = JSON.parse(Buffer.isBuffer(data) ? data.toString("utf8") : Buffer.concat(data as Buffer[]).toString("utf8")) as Record<string, unknown>;
        } catch {
          return ws.send(JSON.stringify({ result: "error", message: "Invalid JSON" }));
        }
        s.queue = s.queue.then(() => command(ws, s, msg)).catch(() => undefined);
      });
      ws.on("close", () => sessions.delete(ws));
    });
  };
  server.on("upgrade", onUpgrade);
  return () => {
    sb.onEvent.delete(listener);
    server.off("upgrade", onUpgrade);
    for (const ws of sessions.keys()) ws.terminate();
    wss.close();
  };
}
