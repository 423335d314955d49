import { promises as fs } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { makeTemporaryFolder, removeFolder } from '../store/testing/temporaryFolder';
import { BodyTooLargeError, saveRequestBody, uploadFilePath } from './uploadToFile';

/** saveRequestBody on a bare server whose limit is small enough to pass while a test sends. */

const LIMIT = 1_000;
let folder: string;
let server: http.Server;
let outcome: Promise<unknown>;

beforeEach(async () => {
  folder = await makeTemporaryFolder('newsmark-upload-file-');
  server = http.createServer((request, response) => {
    outcome = saveRequestBody(request, uploadFilePath(folder), LIMIT).then(
      (size) => {
        response.end(`saved ${size}`);
        return size;
      },
      (error: unknown) => {
        if (error instanceof BodyTooLargeError) response.writeHead(413, { Connection: 'close' }).end('too large');
        return error;
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});

afterEach(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await removeFolder(folder);
});

function post(pieces: string[]): Promise<{ status: number; body: string; piecesSent: number }> {
  return new Promise((resolve, reject) => {
    const outgoing = http.request({ host: '127.0.0.1', port: (server.address() as AddressInfo).port, method: 'POST', path: '/' }, (incoming) => {
      let body = '';
      incoming.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      incoming.on('end', () => {
        resolve({ status: incoming.statusCode!, body, piecesSent });
        outgoing.destroy();
      });
    });
    outgoing.on('error', reject);
    // A piece at a time, as a slow client sends; once the answer came, no more.
    let answered = false;
    let piecesSent = 0;
    outgoing.on('response', () => (answered = true));
    const send = (index: number) => {
      if (answered) return;
      if (index === pieces.length) return outgoing.end();
      piecesSent++;
      outgoing.write(pieces[index], () => setTimeout(() => send(index + 1), 5));
    };
    send(0);
  });
}

test('a body within the limit is saved whole, in a file named like the store’s temporary files', async () => {
  expect(await post(['a'.repeat(400), 'b'.repeat(400)])).toEqual({ status: 200, body: 'saved 800', piecesSent: 2 });
  const [name] = await fs.readdir(folder);
  expect(name).toMatch(/^\.import-upload\.\d+\.\d+\.tmp$/);
  expect(await fs.readFile(path.join(folder, name!), 'utf8')).toBe(`${'a'.repeat(400)}${'b'.repeat(400)}`);
});

test('a body without a declared length is refused once it passes the limit, while it is still being sent, and its file removed', async () => {
  const pieces = Array.from({ length: 40 }, () => 'x'.repeat(300));
  const answer = await post(pieces);
  expect(answer).toMatchObject({ status: 413, body: 'too large' });
  // The limit passed with the fourth piece (1,200 bytes); the answer came long before the 40th.
  expect(answer.piecesSent).toBeLessThan(10);
  expect(await outcome).toBeInstanceOf(BodyTooLargeError);
  expect(await fs.readdir(folder)).toEqual([]);
});
