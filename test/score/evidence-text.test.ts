// Evidence sentences count in words: "1 deal registered", "2 deals registered".
import { describe, expect, it } from 'vitest';
import { openWorkspace } from '../../pipeline/workspace/db.js';
import { defineEvidenceMacros } from '../../pipeline/score/evidence.js';
import { signalNoun, signalNounOne } from '../../pipeline/model/catalog.js';
import { fmt, fmtDate } from '../../pipeline/vocabulary/number-formats.js';
import { text } from '../../pipeline/workspace/rows.js';

describe('evidence_text', () => {
  it.each([
    ['deals_registered', 1, '1 deal registered in the 90 days to 30 Sep 2025, cohort median 2 (3 months earlier: 4)'],
    ['deals_registered', 2, '2 deals registered in the 90 days to 30 Sep 2025, cohort median 2 (3 months earlier: 4)'],
    ['exec_meetings', 1, '1 executive meeting in the 90 days to 30 Sep 2025, cohort median 2 (3 months earlier: 4)'],
    ['exec_meetings', 0, '0 executive meetings in the 90 days to 30 Sep 2025, cohort median 2 (3 months earlier: 4)'],
  ])('%s = %i', async (sig, v, expected) => {
    const ws = await openWorkspace(':memory:');
    try {
      await defineEvidenceMacros(ws);
      const [r] = await ws.rows({ t: text },
        `SELECT evidence_text($sig, $noun, $one, 'sum', $v::DOUBLE, 90, DATE '2025-09-30', NULL, 2::DOUBLE, 4::DOUBLE, 3) AS t`,
        { sig, noun: signalNoun(sig)!, one: signalNounOne(sig)!, v },
      );
      expect(r!.t).toBe(expected);
    } finally {
      ws.close();
    }
  });

  it('prints dates as the reports do and negatives with a real minus sign', async () => {
    const ws = await openWorkspace(':memory:');
    try {
      await defineEvidenceMacros(ws);
      const days = ['2025-01-01', '2025-02-09', '2024-02-29', '2025-09-30', '2025-12-31', '2031-07-04'];
      const rows = await ws.rows({ d: text, s: text }, 'SELECT d, fmt_day(d::DATE) AS s FROM unnest(string_split($days, \',\')) t(d) ORDER BY d', { days: days.join(',') });
      expect(rows.length).toBe(days.length);
      for (const r of rows) expect(r.s).toBe(fmtDate(r.d, 'medium'));
      const [v] = await ws.rows({ a: text, b: text, z: text },
        `SELECT fmt_value('pipeline_trend', -0.25::DOUBLE) AS a, fmt_value('portal_logins', -3::DOUBLE) AS b, fmt_value('revenue', -0.004::DOUBLE) AS z`);
      expect(v).toEqual({ a: '−25%', b: '−3', z: '0%' });
      expect(v!.a).toBe(`${fmt('count_change', -25)}%`);
    } finally {
      ws.close();
    }
  });
});
