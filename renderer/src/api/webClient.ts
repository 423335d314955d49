import type { ExportOutcome, NewsmarkApi, RequestArgs, RequestName, RequestResult } from '../../../shared/contract';
import type { ExportOptions } from '../../../shared/exportRecord';
import { fail, type Result } from '../../../shared/result';

/** The per-run token, from the address's fragment (`#token=…`), which no server ever sees. */
export function tokenFromLocation(location: Location): string | null {
  const match = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(location.hash);
  return match ? match[1]! : null;
}

/** Browsers refuse a keepalive request whose body is over 64 kB. */
const KEEPALIVE_LIMIT = 60_000;

async function post(path: string, token: string, body: unknown, keepalive = false): Promise<Response> {
  const json = JSON.stringify(body);
  return fetch(path, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: json,
    keepalive: keepalive && json.length < KEEPALIVE_LIMIT,
  });
}

function unreachable<T>(error: unknown, consequence: string): Result<T> {
  return fail('storage_failed', `The Newsmark host does not answer (${error instanceof Error ? error.message : String(error)}); ${consequence}`);
}

/** The renderer's API over the browser host's JSON endpoints. */
export function createWebClient(token: string) {
  return {
    host: 'web',
    async request<K extends RequestName>(name: K, args: RequestArgs<K>): Promise<Result<RequestResult<K>>> {
      try {
        // A change sent just before the page is closed or reloaded still reaches the host.
        const response = await post(`/api/request/${name}`, token, args, name === 'updateDocument');
        return (await response.json()) as Result<RequestResult<K>>;
      } catch (error) {
        return unreachable(error, name === 'updateDocument' ? 'the change is kept and will be sent again.' : 'try again once it runs.');
      }
    },
    async exportDocuments(options: ExportOptions): Promise<Result<ExportOutcome>> {
      try {
        const response = await post('/api/export', token, options);
        if (!response.ok) return (await response.json()) as Result<ExportOutcome>;
        const blob = await response.blob();
        const name = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') ?? '')?.[1] ?? 'newsmark-export.jsonl';
        const lines = (await blob.text()).split('\n').filter((line) => line.length > 0);
        const spans = lines.reduce((total, line) => total + (JSON.parse(line) as { spans: unknown[] }).spans.length, 0);
        const link = document.createElement('a');
        link.href = URL.createObjectURL(blob);
        link.download = name;
        link.click();
        setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
        return { ok: true, value: { destination: name, documents: lines.length, spans } };
      } catch (error) {
        return unreachable(error, 'nothing was exported.');
      }
    },
  } satisfies NewsmarkApi;
}
