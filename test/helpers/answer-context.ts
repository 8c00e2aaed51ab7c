import type { AnswerContext } from '../../src/routes/index.ts';
import type { TenantFolderSource } from '../../src/signins/tenant-folder/folder-source.ts';

/**
 * The answer context a test asks a tenant folder with: its clock is the folder's capture time,
 * its people and apps are the folder's. `source` answers instead when a test adds or hides
 * events (a MemorySignInSource over the folder), with the folder's clock and names.
 */
export function folderContext(folder: TenantFolderSource, timeZone: string, source: AnswerContext['source'] = folder): AnswerContext {
  return { source, now: folder.asOf()!, timeZone, appNames: folder.appNames(), allUsers: folder.allUsers() };
}
