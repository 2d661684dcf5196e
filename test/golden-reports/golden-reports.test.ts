// Golden view models: the three reports' view models on a small fixture, committed as JSON and compared
// exactly, so a change to any printed number shows in review. Regenerate after an intended change with
//   UPDATE_GOLDEN=1 npx vitest run test/golden-reports
// (in the style of Observable Framework's test/build-test.ts: one expected output per input, rewritten on request).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo, writeDemoData } from '../../pipeline/demo/index.js';
import type { Workspace } from '../../pipeline/workspace/db.js';
import type { HealthModel } from '../../pipeline/model/types.js';
import { runBacktest, type BacktestResult } from '../../pipeline/backtest/index.js';
import { runCalibration, type CalibrationResult } from '../../pipeline/tune/index.js';
import { buildQuarterlyView } from '../../pipeline/report/quarterly/index.js';
import { buildBacktestView } from '../../pipeline/report/backtest/index.js';
import { buildCalibrationView } from '../../pipeline/report/calibration/index.js';
import { REPO, scoreDir, siModel, tempDir } from '../helpers/workspace.js';
import { quarterlyData, STAGE } from '../helpers/quarterly.js';

const GOLDEN = join(REPO, 'test/golden-reports/expected');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

let ws: Workspace;
let model: HealthModel;
const views: Record<string, unknown> = {};
let results: { backtest: BacktestResult; calibration: CalibrationResult };

beforeAll(async () => {
  const dir = tempDir('ph-golden-');
  // Small on purpose: 32 partners over three years still give every section something to show.
  await writeDemoData(dir, generateDemo({ seed: 21, partners: 32, months: 36 }));
  model = await siModel();
  const scored = await scoreDir(dir, model);
  ws = scored.ws;
  const stage = { ...STAGE, cutoff: scored.cutoff, bootstrap: 20 };
  const data = await quarterlyData(ws, model, scored.cutoff);
  const backtest = await runBacktest(ws, stage);
  const calibration = await runCalibration(ws, model, { ...stage, lambdaGrid: [0, 1, 10], minPartners: 20, minPositives: 20 });
  views.quarterly = buildQuarterlyView(data, { model, backtest, seed: STAGE.seed, maxPartnerPages: 3 });
  views.backtest = buildBacktestView(backtest, { model, calibration });
  views.calibration = buildCalibrationView(calibration, { model, backtest });
  results = { backtest, calibration };
}, 180_000);

afterAll(() => ws?.close());

/** Plain JSON, as a reviewer reads it (stable key order is the view model's own). */
const asJson = (v: unknown) => JSON.stringify(v, null, 2) + '\n';

describe('golden view models', () => {
  for (const name of ['quarterly', 'backtest', 'calibration']) {
    it(`${name} view model matches test/golden-reports/expected/${name}.json`, () => {
      const file = join(GOLDEN, `${name}.json`);
      const actual = asJson(views[name]);
      if (UPDATE) {
        mkdirSync(GOLDEN, { recursive: true });
        writeFileSync(file, actual);
      }
      expect(existsSync(file), `${file} missing: run UPDATE_GOLDEN=1 npx vitest run test/golden-reports`).toBe(true);
      expect(actual).toBe(readFileSync(file, 'utf8'));
    });
  }
});

describe('the two AUCs of the current weights', () => {
  it("page one of the backtest names both populations with their counts, and they are different sets", () => {
    const { backtest: bt, calibration: cal } = results;
    const points = (views.backtest as { verdict: { points: string[] } }).verdict.points;
    const sentence = points.find((p) => p.startsWith('Two AUCs, two populations'));
    expect(sentence).toBeDefined();
    expect(cal.oot!.rows).toBeLessThan(bt.population); // the out-of-time quarters are a subset of the labelled months
    expect(sentence).toContain(`AUC ${bt.auc!.toFixed(3)} is measured on all ${bt.population} labelled partner-months`);
    expect(sentence).toContain(`out-of-time AUC of the current weights, ${cal.oot_auc_current!.toFixed(3)}, on the ${cal.oot!.rows} out-of-time partner-months`);
    // the calibration report's out-of-time section says the same, word for word
    expect(JSON.stringify(views.calibration)).toContain(JSON.stringify(sentence).slice(1, -1));
  });
});
