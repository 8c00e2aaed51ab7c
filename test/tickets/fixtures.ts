import { openSource } from '../../src/sources.ts';
import type { TenantFolderSource } from '../../src/signins/tenant-folder/folder-source.ts';
import { listAttempts } from '../../src/query/list-attempts.ts';
import { DiagnosisContext } from '../../src/query/diagnose-attempts.ts';

/** Bob's Conditional Access block in the sample tenant (53000: his personal laptop is not compliant). */
export async function bobsBlock(folder = openSource(undefined) as TenantFolderSource) {
  const now = folder.asOf()!;
  const bob = folder.allUsers().find((u) => u.userPrincipalName?.startsWith('bob.kelly@'))!;
  const listing = await listAttempts(folder, { user: bob.id, since: '2026-01-01T00:00:00Z', until: now, now });
  const attempt = listing.attempts.find((a) => a.decisive.status.errorCode === 53000)!;
  const d = await new DiagnosisContext(folder, now).diagnose(attempt);
  return { folder, now, bob, attempt, d };
}
