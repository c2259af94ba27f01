// `npx tsx bench/run.ts editor-drag`: dragging one step of a 200-step map in the editor, as whole processes:
// `vsm serve --workspace WS` on a generated workspace (200 steps with estimates in 10 rows of 20, a chain of
// push flows, no items) and Debian's Chromium through playwright-core, the whole map in view (every node in
// the DOM, the worst case). A scripted drag (mouse down on a step in the middle, 120 moves of 4 px, mouse
// up) is measured inside the page:
//  - work per move: from the mousemove reaching the window (a capture listener registered before the drag
//    library's) to the end of the task after it, with a forced layout there, so it spans the drag handler,
//    the store update, React's render and commit of what changed, style and layout (paint not included);
//  - re-render per move: from the same mousemove to the end of the render it causes (React renders in a
//    microtask after the drag handler; a microtask chained after it marks the end of render and commit): what
//    the "a node drag re-renders in under 16 ms" asks;
//  - frame interval: requestAnimationFrame deltas during the drag (the display's 16.7 ms when no frame is dropped).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchChromium } from '../shared/report/chromium.ts';
import type { MapDoc } from '../shared/domain/map.ts';
import { saveMap } from '../shared/store/map-repo.ts';
import { openWorkspace } from '../shared/store/open-workspace.ts';
import { serve } from '../test/e2e/helpers/serve.ts';
import type { BenchRow } from './run.ts';

const STEPS = 200;
const MOVES = 120;

function bigMap(): MapDoc {
  const steps = Array.from({ length: STEPS }, (_, i) => ({
    id: `s${i}`,
    name: `Step ${i + 1}`,
    activeStatuses: [],
    waitStatuses: [],
    owner: i % 3 === 0 ? 'Team A' : 'Team B',
    people: 1 + (i % 4),
    estimate: { processTimeHours: 1 + (i % 5), leadTimeHours: 8 + (i % 7), percentCompleteAccurate: 0.9 },
    position: { x: (i % 20) * 260, y: Math.floor(i / 20) * 280 },
  }));
  const flows = steps.slice(1).map((s, i) => ({ from: steps[i]!.id, to: s.id, kind: 'push' as const }));
  return { format: 'vsm-map', version: 1, name: 'Two hundred steps', doneStatuses: ['Done'], steps, flows };
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};

export default async function bench(): Promise<BenchRow[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flowmap-drag-bench-'));
  const file = path.join(dir, 'drag.vsm');
  const db = openWorkspace(file, { create: true });
  saveMap(db, bigMap(), Date.now());
  db.close();
  const served = await serve(['--workspace', file]);
  const browser = await launchChromium();
  try {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1600, height: 1000 });
    await page.goto(served.openUrl);
    await page.waitForSelector('[data-app-state="ready"]', { timeout: 120_000 });
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="step-node"]').length === n, STEPS, { timeout: 60_000 });
    await page.waitForTimeout(1000);
    // A string, not a function: tsx would wrap named functions in a helper the page does not have.
    await page.evaluate(`(() => {
      const w = window;
      w.__work = [];
      w.__raf = [];
      w.__on = false;
      w.__loaf = [];
      // Long animation frames (over 50 ms) split a slow frame into script (handlers, React) and style/layout.
      try {
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) {
            if (!w.__on) continue;
            const script = (e.scripts || []).reduce((a, x) => a + x.duration, 0);
            w.__loaf.push({ duration: e.duration, script, styleLayout: e.startTime + e.duration - e.styleAndLayoutStart });
          }
        }).observe({ type: 'long-animation-frame', buffered: false });
      } catch {}
      w.__render = [];
      w.__moveStart = 0;
      w.__armRender = () => {
        // The drag library stops the event in its own window listener, so the end of the re-render is read off
        // the DOM: React's commit mutates the dragged node, and a MutationObserver's callback runs right after
        // the render's task or microtask ends (render, commit and the effects flushed with it).
        new MutationObserver(() => {
          if (!w.__on || w.__moveStart === 0) return;
          w.__render.push(performance.now() - w.__moveStart);
          w.__moveStart = 0;
        }).observe(document.querySelector('.react-flow'), { subtree: true, attributes: true, childList: true, characterData: true });
      };
      window.addEventListener('mousemove', () => {
        if (!w.__on) return;
        const start = performance.now();
        w.__moveStart = start;
        setTimeout(() => {
          document.querySelector('.react-flow__node.dragging')?.getBoundingClientRect();
          w.__work.push(performance.now() - start);
        }, 0);
      }, { capture: true });
      let last = 0;
      const tick = (t) => {
        if (w.__on && last > 0) w.__raf.push(t - last);
        last = t;
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    })()`);
    const box = (await page.locator('.react-flow__node[data-id="s110"] .step__name').boundingBox())!;
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.evaluate('window.__armRender(); window.__on = true');
    for (let i = 1; i <= MOVES; i++) await page.mouse.move(x + i * 4, y + (i % 2) * 2);
    await page.evaluate('window.__on = false');
    await page.mouse.up();
    const { work, raf, loaf, render } = (await page.evaluate('({ work: window.__work, raf: window.__raf, loaf: window.__loaf, render: window.__render })')) as {
      work: number[];
      raf: number[];
      loaf: { duration: number; script: number; styleLayout: number }[];
      render: number[];
    };
    const p95 = quantile(work, 0.95);
    const renderP95 = quantile(render, 0.95);
    const note = `${work.length} moves, ${STEPS} steps in the DOM`;
    return [
      { name: 'editor 200 steps: node drag, re-render per move p50 (handler + React render and commit)', value: quantile(render, 0.5), unit: 'ms', note },
      { name: 'editor 200 steps: node drag, re-render per move p95', value: renderP95, unit: 'ms', target: '< 16', pass: renderP95 < 16, note },
      { name: 'editor 200 steps: node drag, work per move p50 (re-render + style and layout)', value: quantile(work, 0.5), unit: 'ms', note },
      {
        name: 'editor 200 steps: node drag, work per move p95',
        value: p95,
        unit: 'ms',
        note: `${note}; includes a rendering frame when one falls before the task (software raster, --disable-gpu)`,
      },
      ...(loaf.length > 0
        ? [
            {
              name: 'editor 200 steps: node drag, long frames (> 50 ms): script share',
              value: loaf.reduce((a, f) => a + f.script, 0) / loaf.reduce((a, f) => a + f.duration, 0),
              unit: 'ratio',
              note: `${loaf.length} long frames; the rest is style, layout and paint`,
            },
            {
              name: 'editor 200 steps: node drag, long frames: style and layout share',
              value: loaf.reduce((a, f) => a + f.styleLayout, 0) / loaf.reduce((a, f) => a + f.duration, 0),
              unit: 'ratio',
            },
          ]
        : [{ name: 'editor 200 steps: node drag, long frames (> 50 ms)', value: 0, unit: 'frames' }]),
      { name: 'editor 200 steps: node drag, work per move max', value: Math.max(...work), unit: 'ms' },
      {
        name: 'editor 200 steps: node drag, frame interval p95 (rAF)',
        value: quantile(raf, 0.95),
        unit: 'ms',
        note: `${raf.length} frames; 16.7 = no frame dropped at 60 Hz`,
      },
    ];
  } finally {
    await browser.close();
    await served.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
