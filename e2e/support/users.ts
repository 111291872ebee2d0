import type { Browser, BrowserContext, Page, WebSocketRoute } from 'playwright-core';

/** One person in their own browser context, with everything their page reported as an error. */
export interface BrowserUser {
  name: string;
  context: BrowserContext;
  page: Page;
  errors: string[];
  /** Cuts the page's sync sockets and refuses new ones until `goOnline()` (a real network drop, seen from the page). */
  goOffline(): Promise<void>;
  goOnline(): void;
}

/**
 * Opens a browser context for `name`, with sync sockets routed through Playwright so a test can take
 * the user offline and back without touching the server. Sign-in happens on the first page that needs it.
 */
export async function openUser(
  browser: Browser,
  baseURL: string,
  name: string,
  options: { viewport?: { width: number; height: number } } = {},
): Promise<BrowserUser> {
  const context = await browser.newContext({
    baseURL,
    viewport: options.viewport ?? { width: 1440, height: 1000 },
  });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  let offline = false;
  const sockets = new Set<WebSocketRoute>();
  await page.routeWebSocket(/\/sync\//, (ws) => {
    if (offline) {
      ws.close({ code: 1012, reason: 'offline (test)' });
      return;
    }
    sockets.add(ws);
    ws.onClose(() => sockets.delete(ws));
    ws.connectToServer();
  });
  return {
    name,
    context,
    page,
    errors,
    async goOffline() {
      offline = true;
      await Promise.all([...sockets].map((ws) => ws.close({ code: 1012, reason: 'offline (test)' })));
      sockets.clear();
    },
    goOnline() {
      offline = false;
    },
  };
}

/** Signs in with the dev form if the page shows it (`color` is a swatch label: Red, Blue, Green…). */
export async function signInIfAsked(page: Page, name: string, color?: string): Promise<void> {
  const form = page.getByTestId('dev-signin');
  const ready = page.locator(
    '[data-testid="studio-page"], [data-testid="studio-workspace"], [data-testid="dev-signin"]',
  );
  await ready.first().waitFor();
  if (await form.isVisible()) {
    await page.getByLabel('Display name').fill(name);
    if (color) await page.getByRole('radio', { name: color }).check();
    await page.getByTestId('signin-submit').click();
  }
}
