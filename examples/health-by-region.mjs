// An analyst's page built with the notebook API: health by region at the data cut-off.
// Run `npm run demo` first, then `npm run example` (or `node examples/health-by-region.mjs DIR`).
import { openNotebook } from 'partner-health/notebook';

const out = process.argv[2] ?? 'reports/demo';
const nb = await openNotebook(out);
try {
  const latest = 'SELECT max(as_of) FROM health';
  const byRegion = await nb.df(`
    SELECT p.region, count(*) AS partners, round(avg(h.composite), 1) AS avg_health,
           count(*) FILTER (WHERE h.band = 'red') AS red
    FROM health h JOIN partners p USING (partner_id)
    WHERE h.as_of = (${latest}) GROUP BY p.region ORDER BY avg_health`);
  byRegion.print();

  const trend = await nb.sql(`
    SELECT h.as_of, p.region, avg(h.composite) AS health
    FROM health h JOIN partners p USING (partner_id) WHERE h.composite IS NOT NULL GROUP BY ALL ORDER BY ALL`);
  const chart = await nb.chart({
    spec: {
      data: { name: 'trend' }, mark: { type: 'line', point: false },
      encoding: {
        x: { field: 'as_of', type: 'temporal', timeUnit: 'utcyearmonth', title: null },
        y: { field: 'health', type: 'quantitative', title: 'Mean composite (0–100)', scale: { domain: [0, 100] } },
        color: { field: 'region', type: 'nominal', title: 'Region' },
      },
      width: 640, height: 240,
    },
    data: { trend },
    title: 'Mean health score by region',
    description: 'Monthly mean composite health score of the partners in each region.',
  });
  const worst = byRegion.values[0];
  const file = await nb.writePage(`${out}/health-by-region.html`, {
    title: 'Partner health by region',
    subtitle: 'A custom page written with the notebook API',
    sections: [
      { heading: 'Where health is lowest', text: `${worst[0]} has the lowest mean health (${worst[2]}), with ${worst[3]} Red partners.`, chart },
      { heading: 'By region at the cut-off', table: await nb.table(`
          SELECT p.region, count(*) AS partners, round(avg(h.composite), 1) AS avg_health,
                 count(*) FILTER (WHERE h.band = 'red') AS red
          FROM health h JOIN partners p USING (partner_id)
          WHERE h.as_of = (${latest}) GROUP BY p.region ORDER BY avg_health`) },
    ],
  });
  console.log(`Wrote ${file}`);
} finally {
  nb.close();
}
