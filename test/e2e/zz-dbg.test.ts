import { it } from 'vitest';
import { launchChromium } from '../../shared/report/chromium.ts';
import { serveDemo } from '../../test/e2e/helpers/serve.ts';
it('dbg', async () => {
  const served = await serveDemo();
  const browser = await launchChromium();
  const page = await browser.context.newPage();
  page.on('console', (m) => console.log('console', m.type(), m.text()));
  page.on('pageerror', (e) => console.log('pageerror', e.message));
  await page.goto(served.openUrl);
  await page.waitForTimeout(15000);
  console.log(await page.evaluate(() => document.body.innerText.slice(0, 500)));
  console.log(served.stderr());
  await browser.close(); await served.stop();
}, 120000);
