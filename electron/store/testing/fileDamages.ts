/**
 * Ways a file can be found damaged after a crash or a bad disk, each turning the file's bytes
 * into damaged bytes. "wrong schema" keeps valid JSON but breaks one field (`field`).
 */
export function fileDamages(field: string): readonly (readonly [name: string, damage: (bytes: Buffer) => Buffer])[] {
  return [
    ['truncated', (bytes) => bytes.subarray(0, Math.floor(bytes.length / 2))],
    ['empty', () => Buffer.alloc(0)],
    ['NUL-filled', (bytes) => Buffer.alloc(bytes.length)],
    ['not JSON', () => Buffer.from('<html><body>504 Gateway Timeout</body></html>\n')],
    ['of the wrong schema', (bytes) => Buffer.from(JSON.stringify({ ...(JSON.parse(bytes.toString('utf8')) as object), [field]: 'seven' }))],
  ];
}
