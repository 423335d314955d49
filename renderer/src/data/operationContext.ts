import { DEFAULT_RELATION_TYPE, relationTypesOf, type Settings } from '../../../shared/model';

/** The library's relation types by name, the default first (only the default before settings load). */
export function relationTypeNames(settings: Settings | null): string[] {
  return settings ? relationTypesOf(settings).map((type) => type.name) : [DEFAULT_RELATION_TYPE];
}

/** What applyOperation needs to know of the library to apply a change here as the host will. */
export function operationContext(settings: Settings | null) {
  return {
    annotator: settings?.annotator ?? 'annotator',
    now: new Date().toISOString(),
    labels: settings?.labels.map((label) => label.name) ?? [],
    ...(settings ? { relationTypes: relationTypeNames(settings) } : {}),
  };
}
