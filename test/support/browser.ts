import { afterAll, beforeAll } from 'vitest';
import { type Browser, chromium } from 'playwright-core';

/** The distribution's Chromium: playwright-core drives it, and no browser is downloaded. */
export const CHROMIUM = '/usr/bin/chromium';

/** A headless Chromium for the calling test file, started before its tests and closed after them. */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('the browser is started before the tests run');
    return browser;
  };
}
