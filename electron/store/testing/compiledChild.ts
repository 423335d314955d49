import { build } from 'esbuild';
import path from 'node:path';

/**
 * Bundles a TypeScript child script (and everything it imports) into one plain CommonJS file in
 * `outFolder`, and returns its path. Tests that start a child hundreds of times compile it once
 * this way, so that each start is a plain `node file.cjs`, with no TypeScript loader to pay for.
 * esbuild comes with tsx (and vite), which the tests already need.
 */
export async function compileChildScript(entry: string, outFolder: string): Promise<string> {
  const outfile = path.join(outFolder, `${path.basename(entry, '.ts')}.cjs`);
  await build({ entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'error' });
  return outfile;
}
