import { lazy, Suspense, useEffect, useState } from 'react';
import { sourcesFromDrop, type ImportSource } from '../data/importSources';
import { useLibrarySlice } from '../data/useLibrarySlice';
import { useWorkbench } from '../session/workbench';
import { useLabels } from '../ui/useLabels';
import './importExport.css';

// The dialogs' code is loaded when one is first opened, not before the first paint.
const ExportDialog = lazy(() => import('./ExportDialog').then((module) => ({ default: module.ExportDialog })));
const ImportDialog = lazy(() => import('./ImportDialog').then((module) => ({ default: module.ImportDialog })));

/** True when a drag carries files (not text dragged out of the article). */
function carriesFiles(event: DragEvent): boolean {
  return Array.from(event.dataTransfer?.types ?? []).includes('Files');
}

/**
 * The header's Import… and Export… buttons and their dialogs; files and folders dropped
 * anywhere on the window open the Import dialog and import at once; the desktop menu's
 * File → Import… / Export… open the same dialogs.
 */
export function ImportExportControls() {
  const { services } = useWorkbench();
  const [dialog, setDialog] = useState<'import' | 'export' | null>(null);
  const [dropped, setDropped] = useState<ImportSource[] | null>(null);
  const [dragging, setDragging] = useState(false);

  useEffect(() => services.onMenuCommand((command) => setDialog(command)), [services]);

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
      <Suspense fallback={null}>
        {dialog === 'import' && <ImportDialog services={services} dropped={dropped} onClose={close} />}
        {dialog === 'export' && <LiveExportDialog onClose={close} />}
      </Suspense>
    </>
  );
}

/** The Export dialog over the list and labels as they are now. */
function LiveExportDialog({ onClose }: { onClose(): void }) {
  const { client, services } = useWorkbench();
  const summaries = useLibrarySlice(client, 'summaries', client.getSummaries);
  const labels = useLabels();
  return <ExportDialog summaries={summaries} labels={labels} onExport={(options) => services.exportDocuments(options)} onClose={onClose} />;
}
