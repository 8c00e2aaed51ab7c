import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadEnvironment } from '../src/config.ts';
import { fillManifest, readTemplate, validateManifest } from '../scripts/lib/app-package.ts';
import { encodePng, pngInfo } from '../scripts/lib/png.ts';
import { unzipSync } from 'fflate';
import { inflateSync } from 'node:zlib';

/** The parsed manifest, navigated freely in assertions. */
type Manifest = Record<string, any>;

const local = () => fillManifest(readTemplate(), loadEnvironment({ SIGNIN_DIAG_ENV: 'local' })).manifest as Manifest;

describe('the Teams app package', () => {
  it('the manifest, filled from env/.env.local, is valid against the v1.30 schema shipped in @microsoft/app-manifest', () => {
    const m = local();
    expect(m.manifestVersion).toBe('1.30');
    expect(validateManifest(m)).toEqual([]);
  });

  it('a broken manifest is refused with the reason', () => {
    const m = local();
    m.accentColor = 'blue';
    delete m.developer.privacyUrl;
    const errors = validateManifest(m).join('\n');
    expect(errors).toMatch(/\/accentColor must match pattern/);
    expect(errors).toMatch(/\/developer must have required property 'privacyUrl'/);
  });

  it('unfilled placeholders are named, not shipped', () => {
    expect(fillManifest(readTemplate(), {}).missing.sort()).toEqual(['APP_WEBSITE_URL', 'BOT_ID', 'TEAMS_APP_ID']);
  });

  it("declares webApplicationInfo for Teams single sign-on (remediation with the presser's own token, issue 22): the bot's app id and its api://botid- resource", () => {
    const m = fillManifest(readTemplate(), { BOT_ID: '0c2b6e7e-1111-4222-8333-944445555666', TEAMS_APP_ID: 'x', APP_WEBSITE_URL: 'https://example.com' })
      .manifest as Manifest;
    expect(m.webApplicationInfo).toEqual({ id: '0c2b6e7e-1111-4222-8333-944445555666', resource: 'api://botid-0c2b6e7e-1111-4222-8333-944445555666' });
  });

  it('the bot offers its command list in every scope it is installed in', () => {
    const bot = local().bots[0];
    expect(bot.scopes).toEqual(['personal', 'team', 'groupChat']);
    const commands = bot.commandLists[0].commands as { title: string }[];
    expect(commands.length).toBeLessThanOrEqual(12);
    expect(commands.map((c) => c.title)).toContain('why did bob fail to sign in');
  });

  it('icons: color.png 192×192, outline.png 32×32 white on transparent', () => {
    const color = readFileSync('appPackage/color.png');
    const outline = readFileSync('appPackage/outline.png');
    expect(pngInfo(color)).toMatchObject({ width: 192, height: 192 });
    expect(pngInfo(outline)).toMatchObject({ width: 32, height: 32, colorType: 6 });
    // Decode the outline's single IDAT: every pixel is white or fully transparent.
    const idat = outline.subarray(outline.indexOf('IDAT') + 4, outline.indexOf('IEND') - 8);
    const raw = inflateSync(idat);
    let white = 0;
    for (let y = 0; y < 32; y++) {
      for (let x = 0; x < 32; x++) {
        const i = y * (32 * 4 + 1) + 1 + x * 4;
        const [r, g, b, a] = raw.subarray(i, i + 4);
        if (a === 0) continue;
        expect([r, g, b, a]).toEqual([255, 255, 255, 255]);
        white++;
      }
    }
    expect(white).toBeGreaterThan(50);
  });

  it('npm run package writes a zip with the manifest and both icons', () => {
    const r = spawnSync('npm', ['run', '-s', 'package'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const files = new Map(Object.entries(unzipSync(readFileSync('appPackage/build/appPackage.local.zip'))).map(([name, data]) => [name, Buffer.from(data)]));
    expect([...files.keys()].sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const m = JSON.parse(files.get('manifest.json')!.toString());
    expect(m.bots[0].botId).toBe('00000000-0000-0000-0000-00000000b07d');
    expect(files.get('color.png')!.equals(readFileSync('appPackage/color.png'))).toBe(true);
  });

  it('packaging an environment without ids fails with a one-line reason', () => {
    const r = spawnSync('npm', ['run', '-s', 'package', '--', 'dev'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/env\/\.env\.dev does not set TEAMS_APP_ID, APP_WEBSITE_URL, BOT_ID/);
  });

  it('the PNG encoder round-trips its header', () => {
    expect(pngInfo(encodePng(3, 2, new Uint8Array(24)))).toEqual({ width: 3, height: 2, colorType: 6 });
  });
});
