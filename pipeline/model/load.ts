// Load and validate a model file: schema errors and semantic errors both name the JSON path.
import { readFile } from 'node:fs/promises';
import { Ajv, type ErrorObject } from 'ajv';
import { modelSchema } from './schema.js';
import type { HealthModel } from './types.js';

const ajv = new Ajv({ allErrors: true, strict: false });
const validateSchema = ajv.compile(modelSchema);

const WEIGHT_TOLERANCE = 1e-6;

export class ModelError extends Error {
  constructor(readonly file: string, readonly problems: string[]) {
    super(`Invalid model ${file}:\n  ${problems.join('\n  ')}`);
    this.name = 'ModelError';
  }
}

/** Check a parsed model; returns the problems, each starting with its JSON path. */
export function modelProblems(model: unknown): string[] {
  if (!validateSchema(model)) {
    return (validateSchema.errors ?? []).map((e: ErrorObject) => {
      const path = e.instancePath || '/';
      const extra = e.keyword === 'additionalProperties' ? ` '${String(e.params.additionalProperty)}'` : '';
      const allowed = e.keyword === 'enum' ? ` (${(e.params.allowedValues as unknown[]).join(', ')})` : '';
      return `${path}: ${e.message ?? 'invalid'}${extra}${allowed}`;
    });
  }
  const m = model as HealthModel;
  const problems: string[] = [];
  const dimNames = Object.keys(m.dimensions);
  const dimSum = dimNames.reduce((s, d) => s + m.dimensions[d]!.weight, 0);
  if (Math.abs(dimSum - 1) > WEIGHT_TOLERANCE) {
    problems.push(`/dimensions: dimension weights must sum to 1, they sum to ${round(dimSum)}`);
  }
  const perDim = new Map<string, number>();
  for (const [name, s] of Object.entries(m.signals)) {
    if (!Object.hasOwn(m.dimensions, s.dimension)) {
      problems.push(`/signals/${name}/dimension: unknown dimension '${s.dimension}' (expected one of ${dimNames.join(', ')})`);
      continue;
    }
    perDim.set(s.dimension, (perDim.get(s.dimension) ?? 0) + s.weight);
    const { method, floor, target } = s.normalization;
    if (method === 'linear' && floor === target) {
      problems.push(`/signals/${name}/normalization: floor and target must differ`);
    } else if (method === 'linear' && (s.direction === 'higher') !== (target! > floor!)) {
      // linear scoring runs from floor (0) to target (100): the direction must agree with it
      problems.push(`/signals/${name}/normalization: direction '${s.direction}' needs target ${s.direction === 'higher' ? 'above' : 'below'} floor (floor ${floor}, target ${target})`);
    }
  }
  for (const d of dimNames) {
    const sum = perDim.get(d);
    if (sum === undefined) problems.push(`/dimensions/${d}: no signal feeds this dimension`);
    else if (Math.abs(sum - 1) > WEIGHT_TOLERANCE) {
      problems.push(`/signals: weights of the signals of dimension '${d}' must sum to 1, they sum to ${round(sum)}`);
    }
  }
  if (m.bands.red_below > m.bands.green_min) {
    problems.push(`/bands/red_below: must not exceed green_min (${m.bands.green_min})`);
  }
  m.playbooks.forEach((p, i) => {
    if (p.weakest !== '*' && !Object.hasOwn(m.dimensions, p.weakest)) {
      problems.push(`/playbooks/${i}/weakest: unknown dimension '${p.weakest}'`);
    }
  });
  return problems;
}

/** Validate a parsed model object, throwing ModelError with every problem. */
export function validateModel(model: unknown, file = '<model>'): HealthModel {
  const problems = modelProblems(model);
  if (problems.length) throw new ModelError(file, problems);
  return model as HealthModel;
}

export async function loadModel(file: string): Promise<HealthModel> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new ModelError(file, [`cannot read file: ${(err as Error).message}`]);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new ModelError(file, [`not valid JSON: ${(err as Error).message}`]);
  }
  return validateModel(parsed, file);
}

function round(x: number): string {
  return (Math.round(x * 1e6) / 1e6).toString();
}
