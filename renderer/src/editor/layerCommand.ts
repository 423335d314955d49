import type { PluginKey, Transaction } from '@tiptap/pm/state';

/**
 * A command that hands `input` to one layer's plugin (the transaction's meta under `key`),
 * kept out of the undo history: the article is read-only, and drawing a layer is not an edit.
 */
export function layerCommand<Input>(key: PluginKey | string) {
  return (input: Input) =>
    ({ tr, dispatch }: { tr: Transaction; dispatch?: (tr: Transaction) => void }) => {
      if (dispatch) tr.setMeta(key, input).setMeta('addToHistory', false);
      return true;
    };
}
