/**
 * Resolves true once `settled()` holds — at once, or when a change heard through `subscribe`
 * makes it hold — or false after `timeoutMs`.
 */
export function whenSettled(subscribe: (listener: () => void) => () => void, settled: () => boolean, timeoutMs: number): Promise<boolean> {
  if (settled()) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      unsubscribe();
      resolve(false);
    }, timeoutMs);
    const unsubscribe = subscribe(() => {
      if (!settled()) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(true);
    });
  });
}
