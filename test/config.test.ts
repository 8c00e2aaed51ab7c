import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { missingSettings, openSource } from '../src/signins/registry.ts';

describe('settings', () => {
  it('local by default: no app id, loopback, the sample folder', () => {
    const c = loadConfig({ SIGNIN_DIAG_ENV: 'local' });
    expect(c).toMatchObject({ local: true, PORT: 3978, SIGNIN_SOURCE: 'folder', TENANT_DIR: 'tenants/sample' });
  });

  // A source's own settings are checked by the source when the bot opens it (src/signins/registry.ts), so its SDKs load only then.
  it('each source says what it is missing', async () => {
    const log = () => {};
    const graph = { SIGNIN_DIAG_ENV: 'none', SIGNIN_SOURCE: 'graph' };
    await expect(openSource(loadConfig(graph).SIGNIN_SOURCE, graph, { log })).rejects.toThrow(/SIGNIN_SOURCE=graph needs GRAPH_TENANT_ID/);
    const la = { SIGNIN_DIAG_ENV: 'none', SIGNIN_SOURCE: 'log-analytics', GRAPH_USE_MANAGED_IDENTITY: 'true' };
    await expect(openSource(loadConfig(la).SIGNIN_SOURCE, la, { log })).rejects.toThrow(/needs LOG_ANALYTICS_WORKSPACE_ID/);
    expect(() => loadConfig({ SIGNIN_DIAG_ENV: 'none', SIGNIN_SOURCE: 'ldap' })).toThrow(/SIGNIN_SOURCE/);
    expect(() => loadConfig({ SIGNIN_DIAG_ENV: 'none', MicrosoftAppId: 'abc' })).toThrow(/MicrosoftAppTenantId is required for a SingleTenant bot/);
    const laFolder = { SIGNIN_DIAG_ENV: 'none', SIGNIN_SOURCE: 'log-analytics', LOG_ANALYTICS_WORKSPACE_ID: 'w', TENANT_DIR: 'tenants/sample' };
    expect(loadConfig(laFolder).SIGNIN_SOURCE).toBe('log-analytics');
    // A folder serves the directory, but the workspace still needs an identity to be read with (it used to fail later, inside the SDK).
    expect(await missingSettings('log-analytics', laFolder)).toMatch(/not set: GRAPH_\* \(or GRAPH_USE_MANAGED_IDENTITY=true\)$/);
    expect(await missingSettings('log-analytics', { ...laFolder, GRAPH_USE_MANAGED_IDENTITY: 'true' })).toBeUndefined();
  });

  it('production mode needs the home tenant id, a GUID, whatever the app type (issue 14, item 5)', () => {
    const prod = { SIGNIN_DIAG_ENV: 'none', MicrosoftAppId: '00000000-0000-0000-0000-0000000000aa', MicrosoftAppPassword: 'x' };
    expect(() => loadConfig({ ...prod, MicrosoftAppType: 'MultiTenant' })).toThrow(
      /^configuration: MicrosoftAppTenantId: MicrosoftAppTenantId is required when MicrosoftAppId is set: it is how the bot refuses people from other organisations$/,
    );
    expect(() => loadConfig({ ...prod, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppPassword: '' })).toThrow(
      /MicrosoftAppTenantId is required when MicrosoftAppId is set/,
    );
    expect(() => loadConfig({ ...prod, MicrosoftAppType: 'MultiTenant', MicrosoftAppTenantId: 'contoso.onmicrosoft.com' })).toThrow(
      /MicrosoftAppTenantId must be the directory \(tenant\) id, a GUID/,
    );
    expect(loadConfig({ ...prod, MicrosoftAppType: 'MultiTenant', MicrosoftAppTenantId: '11111111-2222-3333-4444-555555555555' })).toMatchObject({
      local: false,
      MicrosoftAppTenantId: '11111111-2222-3333-4444-555555555555',
    });
  });

  it('real environment variables win over the env file', () => {
    expect(loadConfig({ SIGNIN_DIAG_ENV: 'local', PORT: '4000' }).PORT).toBe(4000);
  });
});
