import { useEffect, useState } from 'react';
import type { NewsmarkApi } from '../../../shared/contract';
import type { LibraryClient, LibrarySnapshot } from '../data/libraryClient';
import { ExportDialog } from './ExportDialog';
import { ImportDialog } from './ImportDialog';
import { sourcesFromDrop, type ImportSource } from './importSources';
import './importExport.css';

interface ImportExportControlsProps {
  api: NewsmarkApi;
  client: LibraryClient;
  library: LibrarySnapshot;
}

/** True when a drag carries files (not text dragged out of the article). */
function carriesFiles(event: DragEvent): boolean {
  return Array.from(event.dataTransfer?.types ?? []).includes('Files');
}

/**
 * The header's Import… and Export… buttons and their dialogs; files and folders dropped
 * anywhere on the window open the Import dialog and import at once; the desktop menu's
 * File → Import… / Export… open the same dialogs.
 */
export function ImportExportControls({ api, client, library }: ImportExportControlsProps) {
  const [dialog, setDialog] = useState<'import' | 'export' | null>(null);
  const [dropped, setDropped] = useState<ImportSource[] | null>(null);
  const [dragging, setDragging] = useState(false);

  useEffect(() => api.onMenuCommand?.((command) => setDialog(command)), [api]);

  useEffect(() => {
    const onDragOver = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      // Without this the browser would open the dropped file in place of the app.
      event.preventDefault();
      setDragging(true);
    };
    const onDragLeave = (event: DragEvent) => {
      if (event.relatedTarget === null) setDragging(false);
    };
    const onDrop = (event: DragEvent) => {
      if (!carriesFiles(event) || !event.dataTransfer) return;
      event.preventDefault();
      setDragging(false);
      void sourcesFromDrop(event.dataTransfer).then((sources) => {
        setDropped(sources);
        setDialog('import');
      });
    };
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('dragleave', onDragLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('dragleave', onDragLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, []);

  const close = () => {
    setDialog(null);
    setDropped(null);
  };

  return (
    <>
      <button type="button" className="import-button" onClick={() => setDialog('import')}>
        Import…
      </button>
      <button type="button" className="export-button" onClick={() => setDialog('export')}>
        Export…
      </button>
      {dragging && dialog !== 'import' && <div className="drop-overlay">Drop files or folders to import them</div>}
      {dialog === 'import' && <ImportDialog api={api} dropped={dropped} onClose={close} onImported={() => void client.load()} />}
      {dialog === 'export' && (
        <ExportDialog summaries={library.summaries} labels={library.settings?.labels ?? []} onExport={(options) => client.exportDocuments(options)} onClose={close} />
      )}
    </>
  );
}
