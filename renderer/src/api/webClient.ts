import type { ExportOutcome, ImportFileOutcome, NewsmarkApi, RequestArgs, RequestName, RequestResult } from '../../../shared/contract';
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
        // The host counts the export from its document list and says so in headers.
        const documents = Number(response.headers.get('X-Newsmark-Documents') ?? 0);
        const spans = Number(response.headers.get('X-Newsmark-Spans') ?? 0);
        const link = document.createElement('a');
        link.href = URL.createObjectURL(blob);
        link.download = name;
        link.click();
        setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
        return { ok: true, value: { destination: name, documents, spans } };
      } catch (error) {
        return unreachable(error, 'nothing was exported.');
      }
    },
    async importFile(jobId: string, name: string, bytes: Uint8Array): Promise<Result<ImportFileOutcome>> {
      try {
        // The file's bytes as read, so the host decodes and checks them as it does any file.
        const response = await fetch(`/api/import/${jobId}?name=${encodeURIComponent(name)}`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/octet-stream' },
          body: bytes as Uint8Array<ArrayBuffer>,
        });
        return (await response.json()) as Result<ImportFileOutcome>;
      } catch (error) {
        return fail('storage_failed', `The Newsmark host does not answer (${error instanceof Error ? error.message : String(error)}).`);
      }
    },
  } satisfies NewsmarkApi;
}
