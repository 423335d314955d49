import { expect, test } from './support/fixtures';

test.describe('browser host API', () => {
  test('refuses API calls without the token, with a wrong token, or from another origin', async ({ host, request }) => {
    const url = `${host.origin}/api/request/listDocuments`;
    const json = { 'Content-Type': 'application/json' };
    expect((await request.post(url, { headers: json, data: {} })).status()).toBe(401);
    expect((await request.post(url, { headers: { ...json, Authorization: 'Bearer nope' }, data: {} })).status()).toBe(401);
    const foreign = await request.post(url, { headers: { ...json, Authorization: `Bearer ${host.token}`, Origin: 'http://evil.example' }, data: {} });
    expect(foreign.status()).toBe(403);
    const ok = await request.post(url, { headers: { ...json, Authorization: `Bearer ${host.token}` }, data: {} });
    expect(ok.status()).toBe(200);
    expect((await ok.json()).value).toHaveLength(5);
  });

  test('validates every request and answers with a readable error value', async ({ host, request }) => {
    const headers = { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}` };
    const bad = await request.post(`${host.origin}/api/request/updateDocument`, {
      headers,
      data: { documentId: '../../etc/passwd', operation: { type: 'createSpan', span: { id: 's1', start: 5, end: 2, label: 'claim' } } },
    });
    const body = await bad.json();
    expect(body.ok).toBe(false);
    expect(body.error.code).toBe('invalid_request');
    expect(body.error.message).toContain('documentId');
    const unknown = await (await request.post(`${host.origin}/api/request/dropEverything`, { headers, data: {} })).json();
    expect(unknown.error.message).toContain('dropEverything');
    const reversed = await (
      await request.post(`${host.origin}/api/request/updateDocument`, {
        headers,
        data: { documentId: '000_79e066461c61ce09', operation: { type: 'createSpan', span: { id: 's1', start: 5, end: 2, label: 'claim' } } },
      })
    ).json();
    expect(reversed.error).toEqual({ code: 'invalid_span', message: 'span 5–2 is empty or reversed' });
  });

  test('serves nothing outside its build folder', async ({ host, request }) => {
    for (const path of ['/../package.json', '/%2e%2e/package.json', '/..%2f..%2fpackage.json', '/assets/../../main/web.js']) {
      expect((await request.get(`${host.origin}${path}`)).status(), path).toBe(404);
    }
    const page = await request.get(`${host.origin}/`);
    expect(page.headers()['content-security-policy']).toContain("script-src 'self'");
  });
});
