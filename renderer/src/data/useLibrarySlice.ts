import { useCallback, useSyncExternalStore } from 'react';
import type { LibraryClient } from './libraryClient';
import type { LibrarySlice } from './librarySlices';
import type { Timing } from './sliceNotifier';

/**
 * What `read` gives of one slice of the library, re-rendering the component when that slice
 * changes — at once (`now`: the article) or after the next paint (the default: everything else).
 * `read` must return a value the client holds (or a primitive), not a new object each call.
 */
export function useLibrarySlice<T>(client: LibraryClient, slice: LibrarySlice, read: () => T, timing: Timing = 'afterPaint'): T {
  const subscribe = useCallback((listener: () => void) => client.subscribe(slice, listener, timing), [client, slice, timing]);
  return useSyncExternalStore(subscribe, read);
}
