import { DataFolderLockedError } from './store/dataFolderLock';
import { DataFolderError, explainDataFolderError } from './store/dataFolderSetup';

/** What to say when the data folder `folder` cannot be opened: plainly what is wrong with it. */
export async function openingMessage(folder: string, error: unknown): Promise<string> {
  if (error instanceof DataFolderLockedError || error instanceof DataFolderError) return error.message;
  const explained = await explainDataFolderError(folder, error);
  return explained instanceof DataFolderError ? explained.message : `Cannot open the data folder ${folder}: ${explained.message}`;
}
