import type { LabelDefinition } from '../../../shared/model';
import type { Timing } from '../data/sliceNotifier';
import { useLibrarySlice } from '../data/useLibrarySlice';
import { useWorkbench } from '../session/workbench';

const NO_LABELS: readonly LabelDefinition[] = [];

/** The label set as settings have it (none before the library is loaded). */
export function useLabels(timing: Timing = 'afterPaint'): readonly LabelDefinition[] {
  const { client } = useWorkbench();
  return useLibrarySlice(client, 'status', () => client.getStatus().settings?.labels ?? NO_LABELS, timing);
}
