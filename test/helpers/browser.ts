/// <reference lib="dom" />
/**
 * Real browser tests: Debian's Chromium driven by playwright-core (never a downloaded browser).
 * `CHROMIUM_PATH` overrides the executable; without Chromium the browser suites are skipped locally
 * (.ci/run installs it, so CI always runs them).
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page, type Response } from 'playwright-core';
import { expect } from 'vitest';
import { createTestApp, DEMO_PASSWORD, type TestApp } from './test-app.ts';

export const CHROMIUM_PATH =
  process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
export const HAS_CHROMIUM = CHROMIUM_PATH !== undefined && process.env.MOTCUA_SKIP_BROWSER !== '1';

export async function launchChromium(): Promise<Browser> {
  if (!CHROMIUM_PATH)
    throw new Error('Chromium not found: apt-get install -y chromium, or set CHROMIUM_PATH');
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
    // Playwright itself gives every launch a fresh, empty --user-data-dir and passes --headless.
    headless: true,
  });
}

export interface BrowserHarness {
  readonly t: TestApp;
  readonly baseUrl: string;
  readonly browser: Browser;
  newPage(options?: {
    width?: number;
    height?: number;
    locale?: string;
  }): Promise<{ context: BrowserContext; page: Page }>;
  /** Signs in through the login page (demo password unless given) and waits for the home page. */
  signIn(page: Page, username: string, password?: string): Promise<void>;
  /**
   * Loads `url` and checks it: bytes transferred under `maxBytes` (default 100 KB; public pages use
   * 60 KB), no axe-core WCAG 2.1 AA violation, no sideways scrolling.
   */
  checkPage(page: Page, url: string, options?: { maxBytes?: number }): Promise<void>;
  close(): Promise<void>;
}

/** A MotCua app on a fresh test database listening on a loopback port, and a Chromium to drive it. */
export async function startBrowserHarness(
  options: Parameters<typeof createTestApp>[0] = {},
): Promise<BrowserHarness> {
  const t = await createTestApp(options);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const baseUrl = `http://127.0.0.1:${port}`;
  const browser = await launchChromium();
  return {
    t,
    baseUrl,
    browser,
    async newPage({ width = 1280, height = 900, locale = 'vi-VN' } = {}) {
      const context = await browser.newContext({ viewport: { width, height }, locale, baseURL: baseUrl });
      context.setDefaultTimeout(15_000);
      const page = await context.newPage();
      return { context, page };
    },
    async signIn(page, username, password = DEMO_PASSWORD) {
      await page.goto('/login');
      await page.getByLabel('Tên đăng nhập').fill(username);
      await page.getByLabel('Mật khẩu').fill(password);
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await page.waitForURL(`${baseUrl}/`);
    },
    async checkPage(page, url, { maxBytes = 100_000 } = {}) {
      await checkNavigation(page, () => page.goto(url, { waitUntil: 'networkidle' }), { maxBytes });
    },
    async close() {
      await browser.close();
      await t.close();
    },
  };
}

/** Bytes transferred (document + subresources, headers included) while `navigate` runs, until the network is idle. */
export async function bytesOf(page: Page, navigate: () => Promise<unknown>): Promise<number> {
  let total = 0;
  const onResponse = async (response: Response) => {
    try {
      const sizes = await response.request().sizes();
      total += sizes.responseBodySize + sizes.responseHeadersSize;
    } catch {
      // ignore aborted requests
    }
  };
  page.on('response', onResponse);
  await navigate();
  await page.waitForLoadState('networkidle');
  page.off('response', onResponse);
  return total;
}

/** Bytes transferred for a page load (document + subresources), measured from the network. */
export async function transferredBytes(page: Page, url: string): Promise<number> {
  return bytesOf(page, () => page.goto(url, { waitUntil: 'networkidle' }));
}

/**
 * Checks the page a navigation (a click or a goto) leads to: bytes under `maxBytes` (default 100 KB;
 * public pages 60 KB), no axe-core WCAG 2.1 AA violation, no sideways scrolling. `axe: false` for a
 * context with JavaScript off, where axe cannot run (the same pages are then checked with it on).
 */
export async function checkNavigation(
  page: Page,
  navigate: () => Promise<unknown>,
  { maxBytes = 100_000, axe = true }: { maxBytes?: number; axe?: boolean } = {},
): Promise<void> {
  const bytes = await bytesOf(page, navigate);
  expect(bytes, `${page.url()} transferred ${bytes} bytes`).toBeLessThan(maxBytes);
  if (axe) {
    const violations = await axeViolations(page);
    expect(violations, `${page.url()}: ${JSON.stringify(violations)}`).toEqual([]);
  }
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${page.url()} scrolls sideways`).toBeLessThanOrEqual(0);
}

/** Runs axe-core (WCAG 2.1 A/AA rules) in the page and returns the violations. */
export async function axeViolations(
  page: Page,
): Promise<{ id: string; impact: string | null; nodes: number; help: string }[]> {
  const { createRequire } = await import('node:module');
  const require = createRequire(import.meta.url);
  const { readFileSync } = await import('node:fs');
  const source = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  // Evaluated through the DevTools protocol: the pages' CSP (script-src 'self') rightly blocks inline scripts.
  await page.evaluate(source);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            ctx: Document,
            opts: unknown,
          ) => Promise<{
            violations: { id: string; impact: string | null; nodes: unknown[]; help: string }[];
          }>;
        };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.length,
      help: v.help,
    }));
  });
}
