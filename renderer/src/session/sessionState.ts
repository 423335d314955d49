/**
 * What the user is doing, apart from the library's data: which article is open, which span is
 * selected, link mode, and whether the list of keys is shown. Pure: `reduceSession` returns the
 * same object when an action changes nothing, so nothing re-renders for it.
 */

/** Link mode: the span being linked and the candidate the keyboard has reached. */
export interface Linking {
  sourceId: string;
  targetId: string | null;
  /** The target is picked and the user is choosing the link's relation type (the library has several). */
  choosingType?: boolean;
}

/**
 * What fills the window beside the document list: the open article (with its span panel), or
 * one of the library-wide views. views/workbenchViews.ts lists them; each feature adds its own.
 */
export type WorkbenchView = 'article' | 'speakers' | 'drift' | 'agreement' | 'review' | 'suggestions';

export interface SessionState {
  /** What the window shows beside the list (see WorkbenchView). */
  view: WorkbenchView;
  documentId: string | null;
  selectedSpanId: string | null;
  linking: Linking | null;
  helpOpen: boolean;
  /**
   * The document list's order as narrowed by its search and filters (ids), which n and p
   * follow; null while nothing narrows it (the library's order).
   */
  listOrder: readonly string[] | null;
}

export type SessionAction =
  /** Opens an article (null: none); the selection and link mode do not come along. */
  | { type: 'openDocument'; documentId: string | null }
  | { type: 'selectSpan'; spanId: string | null }
  | { type: 'startLinking'; sourceId: string; targetId: string | null }
  /** In link mode: the candidate the keyboard moved to. */
  | { type: 'moveLinkTarget'; targetId: string }
  | { type: 'cancelLinking' }
  /** In link mode: asks for the relation type of a link to `targetId`; null goes back to picking. */
  | { type: 'chooseLinkType'; targetId: string | null }
  /** A link was made (or refused): link mode ends with its source selected. */
  | { type: 'linked'; sourceId: string }
  | { type: 'setHelp'; open: boolean }
  /** Shows a view beside the list; opening an article (openDocument) goes back to the article view. */
  | { type: 'setView'; view: WorkbenchView }
  /** The document list now shows these articles, in this order (null: every one). */
  | { type: 'listOrder'; ids: readonly string[] | null }
  /** The open article's span ids now (at least those the session names): a span that is gone is no longer selected or linked from. */
  | { type: 'spansChanged'; spanIds: ReadonlySet<string> };

export const INITIAL_SESSION: SessionState = { view: 'article', documentId: null, selectedSpanId: null, linking: null, helpOpen: false, listOrder: null };

/** `state` with `changes`, or `state` itself when they change nothing. */
function update(state: SessionState, changes: Partial<SessionState>): SessionState {
  const keys = Object.keys(changes) as (keyof SessionState)[];
  return keys.every((key) => state[key] === changes[key]) ? state : { ...state, ...changes };
}

export function reduceSession(state: SessionState, action: SessionAction): SessionState {
  switch (action.type) {
    case 'openDocument':
      if (action.documentId === state.documentId) return update(state, { view: 'article' });
      return update(state, { view: 'article', documentId: action.documentId, selectedSpanId: null, linking: null });
    case 'selectSpan':
      return update(state, { selectedSpanId: action.spanId });
    case 'startLinking':
      return update(state, { linking: { sourceId: action.sourceId, targetId: action.targetId } });
    case 'moveLinkTarget':
      if (!state.linking || state.linking.targetId === action.targetId) return state;
      return update(state, { linking: { ...state.linking, targetId: action.targetId } });
    case 'chooseLinkType':
      if (!state.linking) return state;
      return update(state, { linking: { sourceId: state.linking.sourceId, targetId: action.targetId ?? state.linking.targetId, choosingType: action.targetId !== null } });
    case 'cancelLinking':
      return update(state, { linking: null });
    case 'linked':
      return update(state, { linking: null, selectedSpanId: action.sourceId });
    case 'setHelp':
      return update(state, { helpOpen: action.open });
    case 'setView':
      return update(state, { view: action.view, linking: action.view === 'article' ? state.linking : null });
    case 'listOrder':
      if (state.listOrder === action.ids || (state.listOrder && action.ids && state.listOrder.length === action.ids.length && state.listOrder.every((id, index) => id === action.ids![index]))) return state;
      return update(state, { listOrder: action.ids });
    case 'spansChanged': {
      const { selectedSpanId, linking } = state;
      return update(state, {
        selectedSpanId: selectedSpanId && !action.spanIds.has(selectedSpanId) ? null : selectedSpanId,
        linking: linking && !action.spanIds.has(linking.sourceId) ? null : linking,
      });
    }
  }
}
