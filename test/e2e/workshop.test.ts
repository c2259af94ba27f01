// Workshop mode on the demo against `vsm serve` and the real core: the presenter walks the steps in flow
// order with their data boxes, the time box counts down and pauses, dot votes are saved in the map's kaizen
// `votes` (read back from the core and after a reload), and the projector view in light and dark.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredMap } from '../../shared/contract/contract.ts';
import { stepsInFlowOrder } from '../../shared/domain/map.ts';
import { launchChromium } from '../../shared/report/chromium.ts';
import { ensureRendererBuilt } from './helpers/build.ts';
import { newWatchedPage } from './helpers/page.ts';
import { callApi, serveDemo, type Served } from './helpers/serve.ts';
import { shotPath } from './helpers/shots.ts';

let served: Served;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;
let map: StoredMap;
const problems: string[] = [];
const api = <T>(method: string, input: unknown): Promise<T> => callApi<T>(served, method, input);

async function openWorkshop(tab: 'walk' | 'vote') {
  await page.getByTestId('workshop-open').click();
  await page.waitForSelector('[data-testid="workshop"]');
  await page.getByTestId(`ws-tab-${tab}`).click();
}

beforeAll(async () => {
  ensureRendererBuilt();
  served = await serveDemo();
  browser = await launchChromium();
  page = await newWatchedPage(browser, problems);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(served.openUrl);
  await page.waitForSelector('[data-app-state="ready"]', { timeout: 60_000 });
  map = (await api<StoredMap>('getMap', {}))!;
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

describe('workshop mode', () => {
  it('walks the stream one step at a time in flow order, with arrow keys and buttons', async () => {
    await openWorkshop('walk');
    const order = stepsInFlowOrder(map);
    expect(order.length).toBeGreaterThan(3);
    const seen: string[] = [];
    for (let i = 0; i < order.length; i++) {
      seen.push((await page.getByTestId('ws-step').getAttribute('data-step-id')) as string);
      expect(await page.getByTestId('ws-step-name').innerText()).toBe(order[i]!.name);
      expect(await page.getByTestId('ws-step-count').innerText()).toBe(`Step ${i + 1} of ${order.length}`);
      await page.keyboard.press('ArrowRight');
    }
    expect(seen).toEqual(order.map((s) => s.id));
    expect(await page.getByTestId('ws-next').isDisabled()).toBe(true);
    await page.keyboard.press('ArrowLeft');
    expect(await page.getByTestId('ws-step-name').innerText()).toBe(order.at(-2)!.name);
    await page.keyboard.press('Home');
    await page.getByTestId('ws-next').click();
    expect(await page.getByTestId('ws-step-name').innerText()).toBe(order[1]!.name);
    // The data box shows the step's own estimate (hours as stored).
    const pt = order[1]!.estimate?.processTimeHours;
    if (pt !== undefined) expect(await page.getByTestId('ws-est-pt').innerText()).toContain(`${pt}`);
  });

  it('the time box counts down from the minutes set, pauses and resets', async () => {
    const remaining = async () => Number(await page.getByTestId('ws-timer').getAttribute('data-remaining-seconds'));
    await page.getByTestId('ws-timer-minutes').fill('2');
    expect(await page.getByTestId('ws-timer-clock').innerText()).toBe('2:00');
    await page.getByTestId('ws-timer-start').click();
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="ws-timer"]')!.getAttribute('data-remaining-seconds')) <= 118, null, {
      timeout: 10_000,
    });
    await page.getByTestId('ws-timer-pause').click();
    const paused = await remaining();
    expect(paused).toBeLessThanOrEqual(118);
    expect(paused).toBeGreaterThan(60);
    await page.waitForTimeout(1500);
    expect(await remaining()).toBe(paused);
    expect(await page.getByTestId('ws-timer-clock').innerText()).toBe(`1:${String(paused - 60).padStart(2, '0')}`);
    await page.getByTestId('ws-timer-reset').click();
    expect(await remaining()).toBe(120);
  });

  it('dot votes are saved in the map’s kaizen votes, survive a reload, and reset to 0', async () => {
    await page.getByTestId('ws-tab-vote').click();
    await page.getByTestId('ws-participants').fill('4');
    await page.getByTestId('ws-dots-each').fill('3');
    const burst = page.getByTestId('ws-burst').first();
    const stepId = (await burst.getAttribute('data-step-id'))!;
    const index = Number(await burst.getAttribute('data-index'));
    const before = Number(await burst.getAttribute('data-votes'));
    const castBefore = Number(await page.getByTestId('ws-dots-left').getAttribute('data-cast'));
    await burst.getByTestId('ws-vote-add').click();
    await page.waitForFunction(([v]) => document.querySelector('[data-testid="ws-burst"]')?.getAttribute('data-votes') === String(v), [before + 1]);
    await burst.getByTestId('ws-vote-add').click();
    await page.waitForFunction(([v]) => document.querySelector('[data-testid="ws-burst"]')?.getAttribute('data-votes') === String(v), [before + 2]);
    expect(Number(await page.getByTestId('ws-dots-left').getAttribute('data-cast'))).toBe(castBefore + 2);
    // Drawn at once, saved by the autosave right after: the core has it within a second.
    const storedVotes = async () => (await api<StoredMap>('getMap', { mapId: map.id }))!.steps.find((s) => s.id === stepId)!.kaizen![index]!.votes;
    await expect.poll(storedVotes, { timeout: 5_000 }).toBe(before + 2);
    await page.screenshot({ path: shotPath('workshop-vote-light.png') });

    await page.reload();
    await page.waitForSelector('[data-app-state="ready"]', { timeout: 60_000 });
    await openWorkshop('vote');
    expect(await page.getByTestId('ws-burst').first().getAttribute('data-votes')).toBe(String(before + 2));

    await page.getByTestId('ws-votes-reset').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="ws-dots-left"]')?.getAttribute('data-cast') === '0');
    const allZero = async () => (await api<StoredMap>('getMap', { mapId: map.id }))!.steps.flatMap((s) => s.kaizen ?? []).every((k) => k.votes === 0);
    await expect.poll(allZero, { timeout: 5_000 }).toBe(true);
  });

  it('follows the system theme, toggles, and is shot for the projector in light and dark', async () => {
    await page.getByTestId('ws-tab-walk').click();
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowLeft');
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    await page.screenshot({ path: shotPath('workshop-light.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    await page.screenshot({ path: shotPath('workshop-dark.png') });
    // The toggle wins over the system, in the whole app, and is kept across a reload.
    await page.getByTestId('workshop').getByTestId('theme-select').selectOption('light');
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    await page.getByTestId('workshop').getByTestId('theme-select').selectOption('dark');
    await page.getByTestId('workshop-close').click();
    await page.emulateMedia({ colorScheme: 'light' });
    await page.reload();
    await page.waitForSelector('[data-app-state="ready"]', { timeout: 60_000 });
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    const bg = await page.evaluate(() => getComputedStyle(document.querySelector('.app__header')!).backgroundColor);
    expect(bg).toBe('rgb(15, 23, 42)');
    await page.screenshot({ path: shotPath('app-dark.png') });
    await page.getByTestId('theme-select').first().selectOption('system');
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    expect(problems).toEqual([]);
  });
});
