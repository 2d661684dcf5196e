// Staging the inputs on two connections at once. The signals file is most of the ingest stage's work
// (5M rows at size M), and its load alone keeps DuckDB's threads busy for about a second; the small
// files (partners, deals, interventions, deal_history) and their checks are dozens of short statements
// that each leave a core idle. They run on a second connection beside the signals load, in contract
// order among themselves, so they cost the stage little wall time.
//
// Nothing about the result may depend on the interleaving: each input is staged into its own table,
// errors are reported as the sequential loop reported them (the first failing input in contract order
// wins), and an early check only says "clean": the ingest loop skips the inputs found clean, up to the
// first that is not, and from there runs exactly as before, so issues, their numbering and quarantine
// are those of the one-connection run.
import { openBeside, type Workspace } from '../workspace/db.js';
import { INPUTS, type InputName, type InputSpec } from './contract.js';
import { InputError, type InputIssue } from './errors.js';
import { findInputFile, stageInput, type StagedInput } from './read.js';

/** How an input is found clean early: `staged` waits for another input's staging (undefined: absent or failed). */
export type EarlyCheck = (conn: Workspace, s: StagedInput, staged: (name: InputName) => Promise<StagedInput | undefined>) => Promise<boolean>;

export interface StagedInputs {
  /** In contract order. */
  staged: StagedInput[];
  /** Inputs the early check found without any problem. */
  clean: Set<StagedInput>;
}

/** The input loaded on the workspace's own connection; the others go beside it. */
const BIG: InputName = 'signals';

type Outcome = { s?: StagedInput; err?: unknown; attempted: boolean };

/**
 * Stage every input of `dataDir` found there, checking each early with `early`. Throws the staging error of
 * the first input (contract order) that failed, else the required inputs that are missing, as the
 * one-by-one loop did; inputs staged before the throw are given to `keep` (their temporary files).
 * Without `beside`, all on `ws`, one by one, and no early checks: for small data (the test suite), where
 * the second connection and the checks a bad file then gets twice cost more than the overlap saves.
 */
export async function stageInputs(ws: Workspace, dataDir: string, early: EarlyCheck, keep: (s: StagedInput) => void, beside: boolean): Promise<StagedInputs> {
  const outcomes = new Map<InputName, Outcome>();
  const waiting = new Map<InputName, { promise: Promise<StagedInput | undefined>; resolve: (s: StagedInput | undefined) => void }>();
  for (const spec of INPUTS) {
    let resolve!: (s: StagedInput | undefined) => void;
    const promise = new Promise<StagedInput | undefined>((r) => (resolve = r));
    waiting.set(spec.name, { promise, resolve });
  }
  const staged = (name: InputName): Promise<StagedInput | undefined> => waiting.get(name)!.promise;
  const clean = new Set<StagedInput>();

  // One lane per connection, each in contract order; a lane stops at its first failure (the inputs after
  // it in that lane come later in contract order too, so the loop would never have reached them).
  const lane = async (conn: Workspace, specs: InputSpec[]): Promise<void> => {
    let failed = false;
    for (const spec of specs) {
      if (failed) {
        outcomes.set(spec.name, { attempted: false });
        waiting.get(spec.name)!.resolve(undefined);
        continue;
      }
      try {
        const file = findInputFile(dataDir, spec.name);
        const s = file ? await stageInput(conn, spec, file, { guessHeader: beside }) : undefined;
        if (s) keep(s);
        outcomes.set(spec.name, { s, attempted: true });
        waiting.get(spec.name)!.resolve(s);
        // a check that fails for any reason only means "not known clean": the loop checks it again
        if (s && beside && (await early(conn, s, staged).catch(() => false))) clean.add(s);
      } catch (err) {
        failed = true;
        outcomes.set(spec.name, { err, attempted: true });
        waiting.get(spec.name)!.resolve(undefined);
      }
    }
  };
  if (beside) {
    const side = await openBeside(ws);
    try {
      await Promise.all([lane(ws, INPUTS.filter((s) => s.name === BIG)), lane(side, INPUTS.filter((s) => s.name !== BIG))]);
    } finally {
      side.close();
    }
  } else {
    await lane(ws, INPUTS);
  }

  const missing: InputIssue[] = [];
  const inOrder: StagedInput[] = [];
  for (const spec of INPUTS) {
    const o = outcomes.get(spec.name)!;
    if (o.err !== undefined) throw o.err;
    if (!o.attempted) continue;
    if (o.s) inOrder.push(o.s);
    else if (spec.required) missing.push({ file: `${spec.name}.csv`, message: `required input not found in ${dataDir} (expected ${spec.name}.csv, .parquet, .json or .xlsx)` });
  }
  if (missing.length) throw new InputError(missing);
  return { staged: inOrder, clean };
}
