import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnsembleNode } from '../../../runtime/node.js';
import { json, startTestNode } from '../../../test-support/node.js';

/** Dev mode end to end: a token from the web app's sign-in form can use Publish at once. */
describe('dev tokens and Publish', () => {
  let node: EnsembleNode;
  beforeAll(async () => {
    node = await startTestNode();
  });
  afterAll(async () => {
    await node?.close();
  });

  const devToken = async (name: string) => {
    const response = await fetch(`${node.url}/api/v1/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name }),
    });
    return (await json<{ token: string }>(response)).token;
  };
  const get = (path: string, token: string) =>
    fetch(`${node.url}/api/v1/publish${path}`, { headers: { authorization: `Bearer ${token}` } });

  it('makes every dev user an owner of the shared demo company', async () => {
    const ana = await devToken('Ana');
    const ben = await devToken('Ben');
    expect(await json(await get('/companies', ana))).toEqual({
      companies: [{ id: 'demo', name: 'demo', role: 'owner' }],
    });
    // Owners connect accounts; the second dev user sees the first one's account (one shared company).
    const connected = await fetch(`${node.url}/api/v1/publish/companies/demo/accounts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ana}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        platform: 'facebook',
        externalId: 'page-1',
        name: 'Demo page',
        accessToken: 'x',
      }),
    });
    expect(connected.status).toBe(201);
    const { accounts } = await json<{ accounts: { name: string }[] }>(
      await get('/companies/demo/accounts', ben),
    );
    expect(accounts.map((a) => a.name)).toEqual(['Demo page']);
    // Tenancy still holds: any other company is 404 for a dev token.
    expect((await get('/companies/acme/accounts', ana)).status).toBe(404);
  });
});
