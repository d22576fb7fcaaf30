import WebSocket from "ws";

export interface Msg {
  response?: string;
  result?: string;
  topic?: string;
  offset?: string;
  type?: string;
  tenantId?: number;
  entityId?: string;
  timestamp?: string;
}

/** A topics-API client that collects everything it receives. */
export async function open(url: string) {
  const ws = new WebSocket(`${url.replace("http", "ws")}/topics-v1`);
  const received: Msg[] = [];
  ws.on("message", (d: Buffer) => received.push(JSON.parse(d.toString("utf8")) as Msg));
  await new Promise((r) => ws.once("open", r));
  const waitFor = async (pred: (m: Msg) => boolean, timeout = 3000) => {
    const deadline = Date.now() + timeout;
    while (Date.now() < deadline) {
      const found = received.find(pred);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`no matching message; got ${JSON.stringify(received)}`);
  };
  return { ws, received, waitFor, send: (m: object) => ws.send(JSON.stringify(m)) };
}
