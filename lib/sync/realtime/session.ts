import "server-only";

import WebSocket from "ws";

import { logger } from "@/lib/log";

import { parseTopicsMessage, type CommandReply, type TopicEvent } from "./events";

/**
 * One WebSocket connection to the topics API: commands with their replies, and events handed on one
 * at a time, in arrival order (Fortnox orders each topic; stored offsets rely on that order). A
 * failed event ends the session, so nothing after it is marked handled and a reconnect replays it.
 */

export interface SessionOptions {
  url: string;
  /** Handle one event; a rejection ends the session. */
  onEvent(event: TopicEvent): Promise<void>;
  commandTimeoutMs: number;
  /** Ping interval; a missed pong means the connection is dead even if TCP has not noticed. */
  pingMs: number;
}

// Past this many events waiting for their handler, stop reading the socket until it drains.
const HIGH_WATER = 1_000;
const LOW_WATER = 100;

function text(data: WebSocket.RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString("utf8");
  return (Buffer.isBuffer(data) ? data : Buffer.from(data)).toString("utf8");
}

export class TopicsSession {
  private readonly waiting = new Map<string, ((reply: CommandReply | Error) => void)[]>();
  private chain: Promise<void> = Promise.resolve();
  private backlog = 0;
  private failed = false;
  private pinger: NodeJS.Timeout | undefined;
  /** Resolves with the reason once the connection is gone. */
  readonly closed: Promise<string>;

  private constructor(
    private readonly ws: WebSocket,
    private readonly options: SessionOptions,
  ) {
    this.closed = new Promise((resolve) => {
      ws.on("close", (code, reason) => {
        clearInterval(this.pinger);
        const why = `closed (${code}${reason.length ? `: ${reason.toString("utf8")}` : ""})`;
        for (const list of this.waiting.values()) for (const w of list) w(new Error(`Topics connection ${why} before it replied`));
        this.waiting.clear();
        resolve(why);
      });
    });
    // The close event follows every error; the error itself only needs to be seen.
    ws.on("error", (error) => logger.warn("realtime socket error", { error }));
    ws.on("message", (data: WebSocket.RawData) => this.receive(text(data)));
    let alive = true;
    ws.on("pong", () => (alive = true));
    this.pinger = setInterval(() => {
      if (!alive) return ws.terminate();
      alive = false;
      ws.ping();
    }, options.pingMs);
  }

  /** Connect; rejects when the server cannot be reached or refuses the upgrade. */
  static open(options: SessionOptions): Promise<TopicsSession> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(options.url, { handshakeTimeout: options.commandTimeoutMs });
      const fail = (e: unknown) => {
        ws.removeAllListeners();
        ws.on("error", () => undefined);
        ws.terminate();
        reject(e instanceof Error ? e : new Error(`Could not open ${options.url}`));
      };
      ws.once("error", fail);
      ws.once("unexpected-response", (_req, res) => fail(new Error(`Topics server answered HTTP ${res.statusCode}`)));
      ws.once("open", () => {
        ws.removeAllListeners();
        resolve(new TopicsSession(ws, options));
      });
    });
  }

  /**
   * Send a command and wait for its reply (matched by the reply's `response` name, first come first
   * served). The body may hold secrets: it goes to the socket only, never into an error or a log.
   */
  command(body: { command: string } & Record<string, unknown>): Promise<CommandReply> {
    if (this.ws.readyState !== WebSocket.OPEN) return Promise.reject(new Error(`Topics connection is not open for ${body.command}`));
    return new Promise((resolve, reject) => {
      const list = this.waiting.get(body.command) ?? [];
      const timer = setTimeout(() => {
        const at = list.indexOf(settle);
        if (at >= 0) list.splice(at, 1);
        reject(new Error(`No reply to ${body.command} within ${this.options.commandTimeoutMs} ms`));
      }, this.options.commandTimeoutMs);
      const settle = (reply: CommandReply | Error) => {
        clearTimeout(timer);
        if (reply instanceof Error) reject(reply);
        else resolve(reply);
      };
      list.push(settle);
      this.waiting.set(body.command, list);
      this.ws.send(JSON.stringify(body));
    });
  }

  /** Close the connection; `closed` resolves once it is gone. */
  close(reason = "closing"): void {
    if (this.ws.readyState === WebSocket.CLOSED) return;
    // A polite close with a deadline: a server that never answers the close frame is cut off.
    this.ws.close(1000, reason);
    setTimeout(() => this.ws.terminate(), 2_000).unref();
  }

  /** Wait until every received event has been handled (or dropped after a failure). */
  async drained(): Promise<void> {
    await this.chain;
  }

  private receive(raw: string) {
    const message = parseTopicsMessage(raw);
    if (message.kind === "reply") {
      const waiter = this.waiting.get(message.reply.response)?.shift();
      if (waiter) waiter(message.reply);
      else logger.debug("realtime: unexpected reply", { response: message.reply.response, ok: message.reply.ok });
      return;
    }
    if (message.kind === "other") {
      logger.debug("realtime: ignored a message it does not understand", { length: raw.length });
      return;
    }
    const event = message.event;
    if (++this.backlog >= HIGH_WATER && !this.ws.isPaused) this.ws.pause();
    this.chain = this.chain.then(async () => {
      try {
        // After a failure nothing more may be marked handled: the reconnect replays from the last offset.
        if (!this.failed) await this.options.onEvent(event);
      } catch (error) {
        this.failed = true;
        logger.error("realtime event could not be handled; reconnecting to replay it", { topic: event.topic, offset: event.offset, error });
        this.ws.terminate();
      } finally {
        if (--this.backlog <= LOW_WATER && this.ws.isPaused) this.ws.resume();
      }
    });
  }
}
