// Named points where a test can hold a running command to kill it there (kill -9 during the commit).
// With PARTNER_HEALTH_PAUSE_AT=<point> in the environment the command prints "paused at <point>" on
// stderr when it gets there and waits until it is killed; without it, a pause point does nothing.

export const PAUSE_ENV = 'PARTNER_HEALTH_PAUSE_AT';

export async function pausePoint(point: string): Promise<void> {
  if (process.env[PAUSE_ENV] !== point) return;
  process.stderr.write(`paused at ${point}\n`);
  await new Promise<never>(() => setInterval(() => {}, 60_000));
}
