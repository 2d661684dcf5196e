// The one flag → settings mapping: every setting has a flag, and parsed flags land on their keys.
import { describe, expect, it } from 'vitest';
import { Command } from 'commander';
import { addSettingFlags, SETTING_FLAGS, settingsFrom } from '../../pipeline/cli/flags.js';
import { DEFAULT_SETTINGS, mergeSettings } from '../../pipeline/settings.js';
import type { BacktestOptions } from '../../pipeline/backtest/types.js';
import type { CalibrationOptions } from '../../pipeline/tune/types.js';

function parse(args: string[], defaults: boolean) {
  const cmd = addSettingFlags(new Command('x').exitOverride().configureOutput({ writeErr: () => {} }), ['run', 'label', 'layout'], defaults);
  cmd.parse(['node', 'x', ...args]);
  return settingsFrom(cmd.opts());
}

describe('setting flags', () => {
  it('cover every setting, once', () => {
    const keys = SETTING_FLAGS.map((f) => f.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const [k, v] of Object.entries(DEFAULT_SETTINGS)) {
      if (typeof v === 'object') for (const f of Object.keys(v)) expect(keys).toContain(`${k}.${f}`);
      else expect(keys).toContain(k);
    }
  });

  it('map parsed flags onto settings; run gets the defaults', () => {
    const s = mergeSettings({}, parse(['--horizon', '60', '--grace', '0', '--segment', 'region=EMEA', '--page', 'Letter', '--pdf'], true));
    expect(s).toMatchObject({
      horizonDays: 60, graceDays: 0, segment: { field: 'region', value: 'EMEA' }, pageFormat: 'Letter', pdf: true,
      seed: DEFAULT_SETTINGS.seed, bootstrap: DEFAULT_SETTINGS.bootstrap, maxPartnerPages: DEFAULT_SETTINGS.maxPartnerPages,
    });
    expect(s.modelPath).toMatch(/models\/si-early-warning\.json$/);
  });

  it('a rework command is told only what was given, and can turn PDFs off', () => {
    const given = parse(['--no-pdf', '--seed', '7', '--capacity', '0.2'], false);
    expect(given).toEqual({ pdf: false, seed: 7, decision: { capacity: 0.2 } });
    expect(mergeSettings({ horizonDays: 60, pdf: true, decision: { missCost: 3 } }, given))
      .toMatchObject({ horizonDays: 60, pdf: false, seed: 7, decision: { missCost: 3, capacity: 0.2 } });
  });

  it('--training-months reaches the backtest options', () => {
    const s = mergeSettings({}, parse(['--training-months', '6'], true));
    const backtestOptions: BacktestOptions = { ...s, cutoff: '2025-12-31' };
    expect(backtestOptions.trainingMonths).toBe(6);
    expect(mergeSettings({}, parse([], true)).trainingMonths).toBeUndefined(); // the backtest's own default applies
  });

  it('--threads reaches the calibration options; without it the calibration decides', () => {
    const s = mergeSettings({}, parse(['--threads', '1'], true));
    const calibrationOptions: CalibrationOptions = { ...s, cutoff: '2025-12-31' };
    expect(calibrationOptions.threads).toBe(1);
    expect(mergeSettings({}, parse([], true)).threads).toBeUndefined();
    expect(() => parse(['--threads', '0'], true)).toThrow(/expected a positive integer, got '0'/);
  });

  it('refuses 0 where a count must be positive, accepts it where 0 is meaningful', () => {
    expect(() => parse(['--training-months', '0'], true)).toThrow(/expected a positive integer, got '0'/);
    expect(() => parse(['--horizon', '0'], true)).toThrow(/expected the horizon as whole days from 1 to 1095, got '0'/);
    expect(() => parse(['--grace', '366'], true)).toThrow(/expected the grace period as whole days from 0 to 365, got '366'/);
    expect(parse(['--grace', '0', '--seed', '0'], true)).toMatchObject({ graceDays: 0, seed: 0 });
  });
});
