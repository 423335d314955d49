import { useCallback, useSyncExternalStore } from 'react';
import { SliceNotifier, type Timing } from '../data/sliceNotifier';
import { INITIAL_SESSION, reduceSession, type SessionAction, type SessionState } from './sessionState';

/** The session's state, changed only by dispatching actions to its reducer. */
export interface SessionStore {
  getState(): SessionState;
  dispatch(action: SessionAction): void;
  /** Hears of every change: `now`, or after the next paint (see sliceNotifier.ts). */
  subscribe(listener: () => void, timing?: Timing): () => void;
}

export function createSessionStore(initial: Partial<SessionState> = {}): SessionStore {
  let state: SessionState = { ...INITIAL_SESSION, ...initial };
  const notifier = new SliceNotifier<'session'>();
  return {
    getState: () => state,
    dispatch(action) {
      const next = reduceSession(state, action);
      if (next === state) return;
      state = next;
      notifier.notify('session');
    },
    subscribe: (listener, timing = 'now') => notifier.subscribe('session', listener, timing),
  };
}

/**
 * A part of the session, re-rendering the component only when that part changes. `select`
 * must return a value from the state (or a primitive), not a new object.
 */
export function useSessionState<T>(store: SessionStore, select: (state: SessionState) => T, timing: Timing = 'now'): T {
  const subscribe = useCallback((listener: () => void) => store.subscribe(listener, timing), [store, timing]);
  return useSyncExternalStore(subscribe, () => select(store.getState()));
}
