import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadModel, modelProblems, ModelError } from '../../pipeline/model/load.js';
import { REPO, tempDir } from '../helpers/workspace.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests reach into the raw JSON to break it in chosen ways
const base = (): Record<string, any> => JSON.parse(readFileSync(join(REPO, 'models/si-early-warning.json'), 'utf8'));

describe('model files', () => {
  it('the shipped models are valid and their weights sum to 1', async () => {
    for (const name of ['si-early-warning', 'alliance-six']) {
      const m = await loadModel(join(REPO, 'models', `${name}.json`));
      const dimSum = Object.values(m.dimensions).reduce((s, d) => s + d.weight, 0);
      expect(dimSum).toBeCloseTo(1, 9);
    }
  });

  it('alliance-six has the glossary six dimensions', async () => {
    const m = await loadModel(join(REPO, 'models/alliance-six.json'));
    expect(Object.keys(m.dimensions)).toEqual([
      'activity_intensity', 'account_coverage', 'joint_pipeline_trend', 'execution_health', 'relationship_sentiment', 'external_signals',
    ]);
  });

  it('schema errors point at the JSON path', () => {
    const m = base();
    m.dimensions.engagement.weight = 'heavy';
    m.signals.portal_logins.aggregation = 'median';
    m.signals.response_hours.normalization = { method: 'linear', floor: 120 };
    m.bands.colour = 'x';
    const problems = modelProblems(m);
    expect(problems).toEqual(expect.arrayContaining([
      '/dimensions/engagement/weight: must be number',
      expect.stringMatching(/^\/signals\/portal_logins\/aggregation: must be equal to one of the allowed values \(sum, mean, last, trend\)/),
      "/signals/response_hours/normalization: must have required property 'target'",
      "/bands: must NOT have additional properties 'colour'",
    ]));
  });

  it('weights that do not sum to 1 are an error naming the path and the sum', () => {
    const m = base();
    m.dimensions.engagement.weight = 0.5;
    m.signals.portal_logins.weight = 0.5;
    expect(modelProblems(m)).toEqual([
      '/dimensions: dimension weights must sum to 1, they sum to 1.1',
      "/signals: weights of the signals of dimension 'engagement' must sum to 1, they sum to 1.25",
    ]);
  });

  it('semantic errors: unknown dimension, band order, playbook dimension', () => {
    const m = base();
    m.signals.portal_logins.dimension = 'vibes';
    m.bands.red_below = 80;
    m.playbooks[0].weakest = 'luck';
    const problems = modelProblems(m);
    expect(problems).toEqual(expect.arrayContaining([
      "/signals/portal_logins/dimension: unknown dimension 'vibes' (expected one of engagement, capability, performance)",
      '/bands/red_below: must not exceed green_min (70)',
      "/playbooks/0/weakest: unknown dimension 'luck'",
    ]));
  });

  it('names of Object.prototype members are unknown dimensions, not a way past the check', () => {
    const m = base();
    m.signals.portal_logins.dimension = 'toString';
    m.playbooks[0].weakest = 'constructor';
    const problems = modelProblems(m);
    expect(problems).toEqual(expect.arrayContaining([
      "/signals/portal_logins/dimension: unknown dimension 'toString' (expected one of engagement, capability, performance)",
      "/playbooks/0/weakest: unknown dimension 'constructor'",
    ]));
  });

  it('a linear normalisation that contradicts the direction is an error', () => {
    const m = base();
    m.signals.response_hours.normalization = { method: 'linear', floor: 8, target: 120 };
    expect(modelProblems(m)).toEqual([
      "/signals/response_hours/normalization: direction 'lower' needs target below floor (floor 8, target 120)",
    ]);
  });

  it('loadModel reports the file and invalid JSON', async () => {
    const file = join(tempDir(), 'bad.json');
    writeFileSync(file, '{ "name": ');
    await expect(loadModel(file)).rejects.toThrow(ModelError);
    await expect(loadModel(file)).rejects.toThrow(/bad\.json.*not valid JSON/s);
  });
});
