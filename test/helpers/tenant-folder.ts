import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Writes a throwaway tenant folder: file name → contents (objects are written as JSON). */
export function tenantFolder(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'signin-diag-'));
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
  return dir;
}

let n = 0;
/** A minimal valid beta sign-in; override what the test is about. */
export function signIn(over: Record<string, unknown> = {}): Record<string, unknown> {
  n++;
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    createdDateTime: '2026-11-20T10:00:00Z',
    userId: 'u-bob',
    userPrincipalName: 'bob@contoso.com',
    userDisplayName: 'Bob Kelly',
    appId: 'app-sf',
    appDisplayName: 'Salesforce',
    correlationId: `corr-${n}`,
    ipAddress: '203.0.113.5',
    status: { errorCode: 0 },
    ...over,
  };
}
