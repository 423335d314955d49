import { describe, expect, test } from 'vitest';
import { allowsPermissionCheck, allowsPermissionRequest } from './permissionPolicy';

const APP = ['newsmark://app'];
const APP_AND_DEV = ['newsmark://app', 'http://localhost:5173'];

describe('permission requests', () => {
  test.each([
    ['clipboard-sanitized-write', 'newsmark://app/index.html', true, APP, true],
    ['clipboard-sanitized-write', 'newsmark://app/', true, APP, true],
    ['clipboard-sanitized-write', 'http://localhost:5173/', true, APP_AND_DEV, true],
    // The dev server is ours only under `npm run dev`.
    ['clipboard-sanitized-write', 'http://localhost:5173/', true, APP, false],
    ['clipboard-sanitized-write', 'http://localhost:5174/', true, APP_AND_DEV, false],
    ['clipboard-sanitized-write', 'newsmark://app/index.html', false, APP, false],
    ['clipboard-sanitized-write', 'newsmark://other/index.html', true, APP, false],
    ['clipboard-sanitized-write', 'https://example.com/', true, APP, false],
    ['clipboard-sanitized-write', 'file:///etc/passwd', true, APP, false],
    ['clipboard-sanitized-write', 'newsmark:app', true, APP, false],
    ['clipboard-sanitized-write', '', true, APP, false],
    ['clipboard-sanitized-write', 'not a url', true, APP, false],
    ['clipboard-read', 'newsmark://app/index.html', true, APP, false],
    ['deprecated-sync-clipboard-read', 'newsmark://app/index.html', true, APP, false],
    ['notifications', 'newsmark://app/index.html', true, APP, false],
    ['media', 'newsmark://app/index.html', true, APP, false],
    ['geolocation', 'newsmark://app/index.html', true, APP, false],
    ['fullscreen', 'newsmark://app/index.html', true, APP, false],
    ['openExternal', 'newsmark://app/index.html', true, APP, false],
    ['hid', 'newsmark://app/index.html', true, APP, false],
    ['unknown', 'newsmark://app/index.html', true, APP, false],
  ] as const)('%s from %s (main frame: %s, origins %j) → %s', (permission, requestingUrl, isMainFrame, origins, granted) => {
    expect(allowsPermissionRequest(permission, { requestingUrl, isMainFrame }, origins)).toBe(granted);
  });
});

describe('permission checks', () => {
  test.each([
    ['clipboard-sanitized-write', 'newsmark://app', {}, APP, true],
    ['clipboard-sanitized-write', 'newsmark://app/', {}, APP, true],
    ['clipboard-sanitized-write', 'http://localhost:5173', {}, APP_AND_DEV, true],
    ['clipboard-sanitized-write', 'http://localhost:5173', {}, APP, false],
    ['clipboard-sanitized-write', 'newsmark://app', { isMainFrame: false }, APP, false],
    ['clipboard-sanitized-write', 'newsmark://app', { isMainFrame: false, embeddingOrigin: 'https://example.com' }, APP, false],
    ['clipboard-sanitized-write', 'https://example.com', {}, APP, false],
    ['clipboard-sanitized-write', '', {}, APP, false],
    ['clipboard-read', 'newsmark://app', {}, APP, false],
    ['notifications', 'newsmark://app', {}, APP, false],
    ['media', 'newsmark://app', {}, APP, false],
    ['usb', 'newsmark://app', {}, APP, false],
  ] as const)('%s from %s %j (origins %j) → %s', (permission, requestingOrigin, facts, origins, granted) => {
    expect(allowsPermissionCheck(permission, requestingOrigin, { isMainFrame: true, ...facts }, origins)).toBe(granted);
  });
});
