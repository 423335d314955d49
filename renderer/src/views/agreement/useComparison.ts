import { useSyncExternalStore } from 'react';
import type { ComparisonState } from '../../data/comparisonService';
import { useWorkbench } from '../../session/workbench';

/** The compared export, re-rendering when it changes. */
export function useComparison(): ComparisonState {
  const { comparisons } = useWorkbench();
  return useSyncExternalStore(comparisons.subscribe, comparisons.get);
}
