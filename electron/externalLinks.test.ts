import { describe, expect, test } from 'vitest';
import { externalUrlToOpen } from './externalLinks';

describe('externalUrlToOpen', () => {
  test.each([
    ['https://www.reuters.com/world/europe/', 'https://www.reuters.com/world/europe/'],
    ['http://example.org/a?b=c#d', 'http://example.org/a?b=c#d'],
    ['HTTPS://EXAMPLE.ORG/Path', 'https://example.org/Path'],
    ['https://example.org/a b', 'https://example.org/a%20b'],
  ])('opens %s as %s', (address, opened) => {
    expect(externalUrlToOpen(address)).toBe(opened);
  });

  test.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    ' javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'file:///etc/passwd',
    'newsmark://app/index.html',
    'vbscript:msgbox(1)',
    'smb://server/share',
    'ms-msdt:/id PCWDiagnostic',
    'mailto:someone@example.org',
    'https://user:secret@example.org/',
    'https://trusted.example@evil.example/',
    '//example.org/no-scheme',
    '/relative/path',
    'not a url',
    '',
  ])('refuses %j', (address) => {
    expect(externalUrlToOpen(address)).toBeNull();
  });
});
