import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRenderer, type Renderer } from '../../pipeline/render/html.js';
import { BUILD_TIME, HOSTILE, sampleTemplatesDir, sampleViewModel } from './sample.js';

let dir: string;
let renderer: Renderer;
let html: string;
let viewModel: Record<string, unknown>;

beforeAll(async () => {
  dir = await sampleTemplatesDir();
  renderer = createRenderer({ templatesDir: dir, buildTime: BUILD_TIME });
  viewModel = await sampleViewModel();
  html = renderer.render('sample/report', viewModel);
});

/** The markup outside the JSON payload and the trusted readiness script. */
function withoutScripts(s: string): string {
  return s.replace(/<script type="application\/json" id="payload">[\s\S]*?<\/script>/, '').replace(/<script data-readiness>[\s\S]*?<\/script>/, '');
}

describe('createRenderer / render', () => {
  it('produces a complete, self-contained document', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<meta name="viewport"');
    expect(html).toMatch(/<style>\s*\/\* partner-health report styles/);
    expect(html).toContain('@media print');
    expect(html).toContain('Data cut-off</dt><dd><time datetime="2025-03-31">31 Mar 2025</time>');
    expect(html).toContain('<time datetime="2025-04-02T09:30:00.000Z">2025-04-02 09:30 UTC</time>');
    expect(html).toContain('<figure class="chart" role="figure" aria-label="Score trend &lt;script&gt;');
    expect(html).toContain('<script data-readiness>');
    expect(html).toContain('Report-specific partial:');
  });

  it('escapes hostile text in text nodes, attributes, charts and partials', () => {
    const markup = withoutScripts(html);
    expect(markup).not.toMatch(/<script/i);
    expect(html.match(/<script/g)).toHaveLength(2); // the JSON payload and the readiness script, both ours
    expect(html).not.toContain('<script>alert');
    const escaped = '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;q&#x27; {{x}}';
    expect(html).toContain(`<p class="hostile-text">${escaped}</p>`);
    expect(html).toContain(`title="${escaped}" data-x="${escaped}"`);
    expect(html).toContain(`<title>Quarterly health ${escaped} — data to 31 Mar 2025</title>`);
    expect(html).toContain(`<caption>Watchlist ${escaped}</caption>`);
    expect(html).toContain('{{x}}'); // Handlebars output is never re-evaluated
  });

  it('embeds JSON that cannot close its script and parses back to the original', () => {
    const m = /<script type="application\/json" id="payload">([\s\S]*?)<\/script>/.exec(html);
    expect(m).not.toBeNull();
    const text = m![1]!;
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(text)).toEqual(viewModel.payload);
    expect(JSON.parse(text).hostile).toBe(HOSTILE);
  });

  it('contains no external URL', () => {
    const refs = [...html.matchAll(/\b(?:src|href)\s*=\s*"([^"]*)"/g)].map((m) => m[1]!);
    for (const ref of refs) expect(ref).toMatch(/^#/);
    expect(html).not.toMatch(/url\(\s*['"]?(?!#)/);
    expect(html).not.toMatch(/@import/);
    // The only http(s) URIs are SVG/XLink namespace declarations.
    const uris = [...html.matchAll(/(\S*?)"?(https?:\/\/[^\s"'<>)]+)/g)];
    for (const [, before, uri] of uris) {
      expect(uri).toMatch(/^http:\/\/www\.w3\.org\//);
      expect(before).toMatch(/^xmlns(:\w+)?="?$/);
    }
  });

  it('is deterministic with a fixed build time', async () => {
    const again = createRenderer({ templatesDir: dir, buildTime: BUILD_TIME }).render('sample/report', await sampleViewModel());
    expect(again).toBe(html);
    const later = renderer.render('sample/report', viewModel, { buildTime: '2030-01-01T00:00:00Z' });
    expect(later).not.toBe(html);
    expect(later).toContain('2030-01-01 00:00 UTC');
  });

  it('formats table cells, aligns numbers and shows band chips', () => {
    expect(html).toContain('<th scope="col" class="num">Score</th>');
    expect(html).toContain('<td class="num">34.3</td><td class="num">$1.2M</td><td class="num">-12.5%</td><td class="date">31 Jan 2025</td>');
    expect(html).toContain('<td class="num">—</td>'); // missing pipeline
    expect(html).toContain('<span class="band-chip band-red">Red</span>');
    expect(html).toContain('<span class="band-chip band-none">—</span>');
    expect(html).toContain('No rows.');
    expect(html).toMatch(/class="section-heading page-break"/);
  });

  it('keeps partials from leaking their caller’s context', () => {
    const appendix = html.slice(html.indexOf('id="appendix"'));
    expect(appendix.slice(0, 200)).not.toContain('Lead sentence');
  });

  it('refuses charts that did not come from renderChart', async () => {
    await mkdir(join(dir, 'bad'), { recursive: true });
    await writeFile(join(dir, 'bad', 'report.hbs'), '{{#> layout/report}}{{chart fake}}{{/layout/report}}');
    const r = createRenderer({ templatesDir: dir, buildTime: BUILD_TIME });
    expect(() => r.render('bad/report', { meta: { title: 'x' }, fake: { svg: '<svg onload="alert(1)">', title: 't', description: '' } })).toThrow(
      /renderChart/,
    );
  });

  it('compiles a templates directory once, yet sees an edited template or partial and keeps helpers per renderer', async () => {
    const own = join(dir, 'edited');
    await mkdir(join(own, 'partials'), { recursive: true });
    await writeFile(join(own, 'partials', 'who.hbs'), 'partial one');
    await writeFile(join(own, 'page.hbs'), '{{> who}} / {{shout name}}');
    const shouting = createRenderer({ templatesDir: dir, helpers: { shout: (s) => String(s).toUpperCase() } });
    const quiet = createRenderer({ templatesDir: dir, helpers: { shout: (s) => String(s).toLowerCase() } });
    expect(shouting.render('edited/page', { name: 'Ada' })).toBe('partial one / ADA');
    expect(quiet.render('edited/page', { name: 'Ada' })).toBe('partial one / ada');
    expect(shouting.text('{{shout "x"}}', {})).toBe('X');
    await writeFile(join(own, 'partials', 'who.hbs'), 'partial two');
    expect(createRenderer({ templatesDir: dir, helpers: { shout: (s) => s } }).render('edited/page', { name: 'Ada' })).toBe('partial two / Ada');
    await writeFile(join(own, 'page.hbs'), 'page two');
    expect(createRenderer({ templatesDir: dir }).render('edited/page', {})).toBe('page two');
  });

  it('reports a missing template and refuses paths outside the templates dir', () => {
    expect(() => renderer.render('sample/nope', {})).toThrow(/template not found/);
    expect(() => renderer.render('../etc/passwd', {})).toThrow(/outside/);
  });
});
