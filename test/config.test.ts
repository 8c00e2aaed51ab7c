import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';

describe('settings', () => {
  it('local by default: no app id, loopback, the sample folder', () => {
    const c = loadConfig({ SIGNIN_DIAG_ENV: 'local' });
    expect(c).toMatchObject({ local: true, PORT: 3978, SIGNIN_SOURCE: 'folder', TENANT_DIR: 'tenants/sample' });
  });

  it('each source says what it is missing', () => {
    expect(() => loadConfig({ SIGNIN_DIAG_ENV: 'none', SIGNIN_SOURCE: 'graph' })).toThrow(/SIGNIN_SOURCE=graph needs GRAPH_TENANT_ID/);
    expect(() => loadConfig({ SIGNIN_DIAG_ENV: 'none', SIGNIN_SOURCE: 'log-analytics', GRAPH_USE_MANAGED_IDENTITY: 'true' })).toThrow(/needs LOG_ANALYTICS_WORKSPACE_ID/);
    expect(() => loadConfig({ SIGNIN_DIAG_ENV: 'none', SIGNIN_SOURCE: 'ldap' })).toThrow(/SIGNIN_SOURCE/);
    expect(() => loadConfig({ SIGNIN_DIAG_ENV: 'none', MicrosoftAppId: 'abc' })).toThrow(/MicrosoftAppTenantId is required for a SingleTenant bot/);
    expect(loadConfig({ SIGNIN_DIAG_ENV: 'none', SIGNIN_SOURCE: 'log-analytics', LOG_ANALYTICS_WORKSPACE_ID: 'w', TENANT_DIR: 'tenants/sample' }).SIGNIN_SOURCE).toBe('log-analytics');
  });

  it('real environment variables win over the env file', () => {
    expect(loadConfig({ SIGNIN_DIAG_ENV: 'local', PORT: '4000' }).PORT).toBe(4000);
  });
});
