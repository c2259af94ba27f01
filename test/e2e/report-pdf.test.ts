// The retrospective PDF end to end: `vsm report --demo --out FILE.pdf` prints the renderer's report page
// with Chromium; the PDF's text must carry the map name, every step and the bottleneck. Its pages are
// also rendered to PNG (docs/report-page-N.png) so people can look at them.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureRendererBuilt } from './helpers/build.ts';
import { REPO_ROOT } from './helpers/serve.ts';
import { shotPath } from './helpers/shots.ts';

const run = promisify(execFile);
const STEP_NAMES = ['Intake', 'Discovery', 'Refinement', 'Development', 'Code review', 'Manual QA', 'Change approval', 'Deployment', 'Verify in production'];

let dir: string;
let pdf: string;

beforeAll(async () => {
  ensureRendererBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flowmap-e2e-report-'));
  pdf = path.join(dir, 'report.pdf');
  const { stdout } = await run(process.execPath, [path.join(REPO_ROOT, 'bin', 'vsm.mjs'), 'report', '--demo', '--out', pdf], { cwd: REPO_ROOT, timeout: 110_000 });
  expect(stdout).toMatch(/wrote/);
});

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('vsm report --demo', () => {
  it('writes a PDF of three A4 landscape pages (map; steps and kaizen; the items behind the bottleneck)', async () => {
    expect(fs.readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    const { stdout } = await run('pdfinfo', [pdf]);
    const pages = Number(/Pages:\s+(\d+)/.exec(stdout)?.[1]);
    expect(pages).toBe(3);
    const [w, h] = (/Page size:\s+([\d.]+) x ([\d.]+)/.exec(stdout) ?? []).slice(1).map(Number);
    expect(w).toBeGreaterThan(h!); // landscape
    expect(Math.abs(w! - 842)).toBeLessThan(2); // A4: 841.9 x 595.3 pt (Chromium rounds to 843)
  });

  it('carries the map name, every step name and the bottleneck in its text', async () => {
    const { stdout: text } = await run('pdftotext', ['-layout', pdf, '-']);
    expect(text).toContain('Idea to production');
    for (const name of STEP_NAMES) expect(text, name).toContain(name);
    expect(text).toMatch(/BOTTLENECK/i);
    expect(text).toMatch(/Manual QA holds [\d.]+% of all wait time/);
    expect(text).toMatch(/Timeline ladder/);
    expect(text).toMatch(/Flow efficiency/i);
    expect(text).toMatch(/Automate the regression suite/);
  });

  it('names the items that waited longest at the bottleneck and those there now, as the core lists them', async () => {
    const { stdout: page3 } = await run('pdftotext', ['-layout', '-f', '3', '-l', '3', pdf, '-']);
    expect(page3).toMatch(/Behind the bottleneck: Manual QA/);
    expect(page3).toMatch(/2,784 completed items passed through Manual QA/);
    expect(page3).toMatch(/In Manual QA now: \d+ items/);
    // The demo is deterministic: FAL-31 waited longest in QA (58.7 d), and its title is printed beside it.
    expect(page3).toMatch(/FAL-31\s+Fix checkout error\s+Bug\s+58\.7 d/);
  });

  it('renders its pages to PNG for review (docs/report-page-N.png)', async () => {
    const prefix = path.join(dir, 'page');
    await run('pdftoppm', ['-png', '-r', '60', pdf, prefix]);
    const pngs = fs.readdirSync(dir).filter((f) => f.startsWith('page') && f.endsWith('.png')).sort();
    expect(pngs.length).toBeGreaterThanOrEqual(1);
    for (const [i, f] of pngs.entries()) {
      const out = shotPath(`report-page-${i + 1}.png`);
      fs.mkdirSync(path.dirname(out), { recursive: true });
      fs.copyFileSync(path.join(dir, f), out);
      expect(fs.readFileSync(out).subarray(1, 4).toString()).toBe('PNG');
    }
  });
});
