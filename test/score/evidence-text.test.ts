// Evidence sentences count in words: "1 deal registered", "2 deals registered".
import { describe, expect, it } from 'vitest';
import { openWorkspace } from '../../pipeline/workspace/db.js';
import { defineEvidenceMacros } from '../../pipeline/score/evidence.js';
import { signalNoun, signalNounOne } from '../../pipeline/model/catalog.js';
import { text } from '../../pipeline/workspace/rows.js';

describe('evidence_text', () => {
  it.each([
    ['deals_registered', 1, '1 deal registered in the 90 days to 2025-09-30, cohort median 2 (3 months earlier: 4)'],
    ['deals_registered', 2, '2 deals registered in the 90 days to 2025-09-30, cohort median 2 (3 months earlier: 4)'],
    ['exec_meetings', 1, '1 executive meeting in the 90 days to 2025-09-30, cohort median 2 (3 months earlier: 4)'],
    ['exec_meetings', 0, '0 executive meetings in the 90 days to 2025-09-30, cohort median 2 (3 months earlier: 4)'],
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
});
