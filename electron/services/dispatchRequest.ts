import { isRequestName, requestSchemas, type RequestName } from '../../shared/contract';
import { describeSchemaError } from '../../shared/schemaError';
import { fail, type Result } from '../../shared/result';
import type { Handlers } from './libraryHandlers';
import { describeStorageError } from './storageErrors';

/**
 * The main process's edge: checks that `name` is a request of the contract and `args` fit its
 * schema, then runs the handler. Never throws; every failure comes back as an error value.
 */
export async function dispatchRequest(handlers: Handlers, name: unknown, args: unknown): Promise<Result<unknown>> {
  if (!isRequestName(name)) return fail('invalid_request', `There is no request named ${JSON.stringify(name)}.`);
  const parsed = requestSchemas[name].safeParse(args ?? {});
  if (!parsed.success) return fail('invalid_request', `${name}: ${describeSchemaError(parsed.error)}`);
  try {
    const handler = handlers[name] as (args: unknown) => Promise<Result<unknown>>;
    return await handler(parsed.data);
  } catch (error) {
    // Disk and unexpected errors become values, so the renderer can show them and retry.
    const described = describeStorageError(error);
    if (described.code === 'internal') console.error(`newsmark: request ${name as RequestName} failed:`, error);
    return { ok: false, error: described };
  }
}
