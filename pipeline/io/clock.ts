// The generated-at time printed in reports. SOURCE_DATE_EPOCH (seconds since 1970, the reproducible-builds
// convention) fixes it, so two runs of the same input give byte-identical HTML.

export function buildTime(env: NodeJS.ProcessEnv = process.env, now: () => Date = () => new Date()): Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch === undefined || epoch === '') return now();
  if (!/^\d+$/.test(epoch)) throw new Error(`SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01, got '${epoch}'`);
  return new Date(Number(epoch) * 1000);
}
