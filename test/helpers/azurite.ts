import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';

/**
 * Azurite, Microsoft's storage emulator, for tests of the Blob store: its blob service on a
 * free port, in memory, started in a temp folder and stopped after. `container()` gives a
 * client; `proxied()` a client whose requests go through a loopback proxy that can run a
 * step before forwarding one (to make another writer come first: a real 412 from Azurite).
 */
const ACCOUNT = 'devstoreaccount1';
/** The emulator's well-known development key (public, in Microsoft's documentation). */
const KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const START_TIMEOUT_MS = 60_000;

export type BeforeForward = (r: {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
}) => Promise<void> | void;

export class Azurite {
  private child?: ChildProcess;
  private folder?: string;
  private proxy?: Server;
  port = 0;
  proxyPort = 0;
  /** Runs before a request through the proxy is forwarded to Azurite. */
  beforeForward?: BeforeForward;

  connectionString(port = this.port): string {
    return `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${KEY};BlobEndpoint=http://127.0.0.1:${port}/${ACCOUNT};`;
  }

  async start(): Promise<void> {
    this.folder = mkdtempSync(join(tmpdir(), 'azurite-'));
    const main = join(dirname(createRequire(import.meta.url).resolve('azurite/package.json')), 'dist/src/blob/main.js');
    const child = spawn(
      process.execPath,
      [
        main,
        '--inMemoryPersistence',
        '--extentMemoryLimit',
        '64',
        '--blobHost',
        '127.0.0.1',
        '--blobPort',
        '0',
        '--silent',
        '--skipApiVersionCheck',
        '--loose',
      ],
      { cwd: this.folder, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.child = child;
    // Not left running if the test process ends without stop() (a crash, an uncaught error).
    const orphanGuard = () => child.kill('SIGKILL');
    process.once('exit', orphanGuard);
    child.once('exit', () => process.off('exit', orphanGuard));
    this.port = await new Promise<number>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`Azurite did not start within ${START_TIMEOUT_MS / 1000} s: ${out}`)), START_TIMEOUT_MS);
      const read = (d: Buffer) => {
        out += d.toString();
        const m = /listens on http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(Number(m[1]));
        }
      };
      child.stdout!.on('data', read);
      child.stderr!.on('data', read);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`Azurite exited (${code}) before listening: ${out}`));
      });
    });
    this.proxy = createServer((req, res) => {
      let body: Buffer[] = [];
      req.on('data', (c: Buffer) => body.push(c));
      req.on('end', async () => {
        const url = new URL(req.url ?? '/', 'http://x');
        try {
          await this.beforeForward?.({ method: req.method ?? '', path: url.pathname, query: url.searchParams, headers: req.headers });
        } catch {
          /* the step's own failure is the test's business; forward anyway */
        }
        const fwd = request({ host: '127.0.0.1', port: this.port, method: req.method, path: req.url, headers: req.headers }, (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        });
        fwd.on('error', () => res.destroy());
        fwd.end(Buffer.concat(body));
        body = [];
      });
    });
    await new Promise<void>((r) => this.proxy!.listen(0, '127.0.0.1', r));
    this.proxyPort = (this.proxy.address() as { port: number }).port;
  }

  /** A container straight on Azurite (made if absent). Clients get no SDK retries, so a test sees each answer. */
  async container(name: string): Promise<ContainerClient> {
    const c = BlobServiceClient.fromConnectionString(this.connectionString(), { retryOptions: { maxTries: 1 } }).getContainerClient(name);
    await c.createIfNotExists();
    return c;
  }

  /** The same container, through the proxy. */
  async proxied(name: string): Promise<ContainerClient> {
    await this.container(name);
    return BlobServiceClient.fromConnectionString(this.connectionString(this.proxyPort), { retryOptions: { maxTries: 1 } }).getContainerClient(name);
  }

  async stop(): Promise<void> {
    this.proxy?.closeAllConnections();
    await new Promise<void>((r) => (this.proxy ? this.proxy.close(() => r()) : r()));
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      // In memory, nothing to flush; SIGTERM would wait for the clients' idle keep-alive sockets.
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGKILL');
      await exited;
    }
    if (this.folder) rmSync(this.folder, { recursive: true, force: true });
  }
}
