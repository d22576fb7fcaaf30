/** Queue names, one constant each: `area/task` (pg-boss 12 rejects the house style's colons). */
export const QUEUES = {
  tokenKeepAlive: "tokens/keepalive",
} as const;
