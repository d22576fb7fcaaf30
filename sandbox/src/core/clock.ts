/**
 * The sandbox's notion of "now": real time plus an offset that test mode can move forward, so
 * tests can expire codes, access tokens and 45-day refresh tokens without waiting.
 * The rate limiter deliberately does not use it (it measures real request spacing).
 */
export class SandboxClock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }

  set(at: Date): void {
    this.offsetMs = at.getTime() - Date.now();
  }

  get offset(): number {
    return this.offsetMs;
  }
}
