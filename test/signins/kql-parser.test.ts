import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { signInsQuery } from '../../src/signins/kusto/signin-query.ts';
import { auditQuery } from '../../src/signins/kusto/audit-query.ts';
import type { AuditQuery, SignInQuery } from '../../src/signins/source.ts';
import { TABLE_SCHEMAS } from './kusto-schemas.ts';

/**
 * Every KQL statement the product sends, parsed and analysed by Microsoft's own Kusto parser
 * (@kusto/language-service-next, a Bridge.NET build of Kusto.Language) against the documented
 * table schemas: an unknown column, a type mismatch or a syntax slip is an Error diagnostic
 * here instead of a 400 from a customer's workspace.
 */
interface Diagnostic {
  Severity: string;
  Message: string;
  Start: number;
}
interface KustoLanguage {
  Symbols: {
    TableSymbol: { $ctor7: new (name: string, schema: string, description: string | null) => unknown };
    DatabaseSymbol: new (name: string, members: unknown[]) => unknown;
  };
  GlobalState: { Default: { WithDatabase(db: unknown): unknown } };
  KustoCode: { ParseAndAnalyze(text: string, globals: unknown): { GetDiagnostics(): { Count: number; getItem(i: number): Diagnostic } } };
}

let errorsOf: (kql: string) => string[];
beforeAll(() => {
  // The bridge runtime, then the language: plain scripts that define the global `Kusto`.
  const require = createRequire(import.meta.url);
  require('@kusto/language-service-next/bridge.min.js');
  require('@kusto/language-service-next/Kusto.Language.Bridge.min.js');
  const K = (globalThis as unknown as { Kusto: { Language: KustoLanguage } }).Kusto.Language;
  const tables = Object.entries(TABLE_SCHEMAS).map(([name, schema]) => new K.Symbols.TableSymbol.$ctor7(name, schema, null));
  const globals = K.GlobalState.Default.WithDatabase(new K.Symbols.DatabaseSymbol('workspace', tables));
  errorsOf = (kql) => {
    const diagnostics = K.KustoCode.ParseAndAnalyze(kql, globals).GetDiagnostics();
    const out: string[] = [];
    for (let i = 0; i < diagnostics.Count; i++) {
      const d = diagnostics.getItem(i);
      if (d.Severity === 'Error') out.push(`${d.Message} (at ${d.Start}: ${JSON.stringify(kql.slice(d.Start, d.Start + 30))})`);
    }
    return out;
  };
  // The first analysis builds the language's built-in symbols (seconds on a busy machine): done here, under the hook's longer timeout.
  errorsOf('SigninLogs | take 1');
});

const GUID = 'a7360e10-f512-44d7-b822-9b6017ae7262';
const WINDOW = { since: '2026-11-19T01:00:00Z', until: '2026-11-21T01:00:00Z' };

/** One question of every shape the sign-in reader is asked, alone and combined. */
const SIGNIN_QUESTIONS: [string, SignInQuery, number][] = [
  ['everything', {}, 5001],
  ['a user by UPN', { user: 'bob.kelly@contoso.com' }, 5001],
  ['a user by id', { user: GUID }, 5001],
  ['an app by name', { app: 'Salesforce' }, 5001],
  ['an app by id', { app: GUID }, 5001],
  ['apps or resources', { apps: ['Outlook Mobile', 'Office 365 Exchange Online'] }, 5001],
  ['no app name at all (finds nothing)', { apps: [] }, 5001],
  ['apps by name and id', { apps: ['Outlook Mobile', GUID] }, 5001],
  ['an IP', { ip: '185.220.101.47' }, 5001],
  ['an error code', { errorCode: 50053 }, 5001],
  ['failures', { outcome: 'failure' }, 5001],
  ['successes', { outcome: 'success' }, 5001],
  ['any outcome', { outcome: 'any' }, 5001],
  ['a window', WINDOW, 5001],
  ['only since', { since: WINDOW.since }, 5001],
  ['a correlation id', { correlationId: 'c1d2e3f4-0000-4000-8000-000000000001' }, 5001],
  ['a request id', { requestId: 'r-1' }, 5001],
  ['a limit', { user: GUID, limit: 1 }, 2],
  ['quotes and control characters typed in', { user: "o'brien\n@contoso.com", app: "it's // not a comment" }, 11],
  ['all at once', { ...WINDOW, user: GUID, app: 'Salesforce', errorCode: 50126, ip: '10.0.0.1', correlationId: 'c', requestId: 'r', outcome: 'failure' }, 51],
];

const AUDIT_QUESTIONS: [string, AuditQuery, number][] = [
  ['the whole log', {}, 5001],
  ['a window', WINDOW, 5001],
  ['about a person', { ...WINDOW, about: GUID }, 5001],
  ['about a typed name with a quote', { about: "o'brien" }, 10],
];

describe('KQL checked by the Kusto parser against the documented schemas', () => {
  it.each(SIGNIN_QUESTIONS)('sign-ins: %s', (_, q, take) => {
    expect(errorsOf(signInsQuery(q, take))).toEqual([]);
  });

  it.each(AUDIT_QUESTIONS)('audit log: %s', (_, q, take) => {
    expect(errorsOf(auditQuery(q, take))).toEqual([]);
  });

  it('a broken statement fails: the check can fail', () => {
    const good = signInsQuery({ user: GUID, ...WINDOW }, 10);
    expect(errorsOf(good.replace('UserId', 'UserIdentifier'))).not.toEqual([]);
    expect(errorsOf(good.replace('| order by', '| ordr by'))).not.toEqual([]);
    expect(errorsOf(auditQuery({ about: GUID }, 10).replace('ActivityDateTime desc', 'ActivityTime desc'))).not.toEqual([]);
    // A string compared with a number is a type error, not only a syntax one.
    expect(errorsOf("SigninLogs | where CreatedDateTime > 'yesterday'")).not.toEqual([]);
  });
});
