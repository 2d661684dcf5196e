// Partner and manager names from word lists, plus one name with a comma (CSV quoting downstream).
// Hostile names (markup, template braces) belong to test fixtures, not to a demo people show around.

/** Exactly one partner's name contains a comma (CSV quoting). */
export const COMMA_NAME = 'Baker, Lowe & Associates';

const STEMS = [
  'Northwind', 'Contoso', 'Fabrikam', 'Bluebird', 'Summit', 'Ironbridge', 'Cedar', 'Harbor',
  'Granite', 'Lumen', 'Meridian', 'Polaris', 'Redwood', 'Silverline', 'Tidewater', 'Vertex',
  'Willow', 'Aurora', 'Beacon', 'Cobalt', 'Driftwood', 'Evergreen', 'Falcon', 'Glacier',
  'Highland', 'Juniper', 'Keystone', 'Lakeshore', 'Maple', 'Nimbus', 'Oakridge', 'Pinnacle',
  'Quarry', 'Riverstone', 'Sierra', 'Trailhead', 'Upland', 'Vantage', 'Westgate', 'Zenith',
  'Atlas', 'Bramble', 'Crescent', 'Delta', 'Ember', 'Foxglove', 'Greystone', 'Horizon',
];

const SUFFIXES = [
  'Systems', 'Consulting', 'Digital', 'Partners', 'Solutions', 'Group', 'Technologies', 'Labs',
  'Networks', 'Analytics', 'Cloud', 'Advisory', 'Integration', 'Data', 'Software', 'Services',
  'IT', 'Works', 'Logic', 'Ventures',
];

const COMBOS = STEMS.length * SUFFIXES.length;

/**
 * Unique name for the k-th ordinary partner. A seeded stride coprime with the number of
 * combinations walks all of them before repeating; later cycles get a numeral.
 */
export function ordinaryName(k: number, seed: number): string {
  const strides = [7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47];
  const stride = strides[Math.abs(seed) % strides.length]!;
  const offset = Math.abs(seed * 7919) % COMBOS;
  const c = (offset + (k % COMBOS) * stride) % COMBOS;
  const base = `${STEMS[c % STEMS.length]} ${SUFFIXES[Math.floor(c / STEMS.length)]}`;
  const cycle = Math.floor(k / COMBOS);
  return cycle === 0 ? base : `${base} ${cycle + 1}`;
}

/** Twelve partner managers, three per region, in region order NA, EMEA, APAC, LATAM. */
export const MANAGERS = [
  'Dana Whitfield', 'Marcus Lee', 'Priya Raman',
  'Sofia Keller', 'Tom Okafor', 'Ines Duarte',
  'Kenji Sato', 'Mei Lin Tan', 'Arjun Mehta',
  'Lucia Fernandez', 'Rafael Costa', 'Camila Rojas',
];
