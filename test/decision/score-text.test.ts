// "Score + band" can never contradict: the printed score stays on its band's side of every cut-off.
import { describe, expect, it } from 'vitest';
import { scoreText, scoreWithBand } from '../../pipeline/decision/score-text.js';

const CUTS = { green_min: 70, red_below: 40 };

describe('score + band', () => {
  it.each([
    [69.62, '69.6'], [69.98, '69.98'], [69.999, '69.99'], [70, '70'], [70.4, '70'], [72.4, '72'],
    [39.6, '39.6'], [39.96, '39.96'], [40.2, '40'], [55.5, '56'], [null, '—'],
  ] as const)('%s prints %s', (x, s) => {
    expect(scoreText(x, CUTS)).toBe(s);
  });

  it('every printed score falls in the band its value is in', () => {
    // One expect over the 50,001 values (two expects per value took 2 s of the suite's time)
    const wrong: string[] = [];
    for (let x = 30; x <= 80; x += 0.001) {
      const shown = Number(scoreText(x, CUTS));
      if (shown < 40 !== x < 40 || shown >= 70 !== x >= 70) wrong.push(`${x} prints ${shown}`);
    }
    expect(wrong).toEqual([]);
  });

  it('a band set by another rule carries its reason', () => {
    expect(scoreWithBand(85, 'yellow', CUTS, 'at or above 70 but dropped 15+ points in 3 months')).toEqual({
      score: '85', band: 'yellow', note: 'at or above 70 but dropped 15+ points in 3 months',
    });
    expect(scoreWithBand(69.62, 'yellow', CUTS)).toEqual({ score: '69.6', band: 'yellow', note: null });
    expect(scoreWithBand(45, 'red', CUTS).note).toBe('red by an early-warning rule');
  });
});
