import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FileItemStore } from '../../src/notify/items.ts';
import { backoffMs, MAX_TRIES, TicketDesk } from '../../src/tickets/desk.ts';
import { ticketFacts, type TicketFacts } from '../../src/tickets/facts.ts';
import { TicketTargetError, type OpenedTicket, type TicketTarget } from '../../src/tickets/target.ts';
import { WebhookTarget } from '../../src/tickets/targets/webhook.ts';
import { bobsBlock } from './fixtures.ts';
import { startReceiver, startServiceNow } from './receiver.ts';
import { ServiceNowTarget } from '../../src/tickets/targets/servicenow.ts';

let facts: TicketFacts;
const dirs: string[] = [];
const folder = () => {
  const d = mkdtempSync(join(tmpdir(), 'tickets-'));
  dirs.push(d);
  return d;
};
beforeAll(async () => {
  const { d } = await bobsBlock();
  facts = ticketFacts(d, { priority: '3', note: '', forWhom: 'Bob Kelly', openedBy: 'Megan Bowen', openedAt: '2026-11-20T10:42:00Z' });
});
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A ticket system in memory: numbers its tickets, can be down, can be slow (answers when `release` is called). */
class FakeTarget implements TicketTarget {
  readonly id = 'servicenow' as const;
  readonly name = 'ServiceNow (test)';
  opened = new Map<string, OpenedTicket>();
  calls = 0;
  down?: TicketTargetError;
  gate?: Promise<void>;
  async open(_t: TicketFacts, key: string): Promise<OpenedTicket> {
    this.calls++;
    await this.gate;
    if (this.down) throw this.down;
    const t = { number: `INC00${12345 + this.opened.size}`, url: `https://sn.example/${this.opened.size}` };
    this.opened.set(key, t);
    return t;
  }
  async find(key: string) {
    return this.opened.get(key);
  }
}

const quiet = () => {};

describe('one ticket per sign-in and target', () => {
  it('a second press finds the ticket and opens nothing new', async () => {
    const target = new FakeTarget();
    const desk = new TicketDesk(target, new FileItemStore(folder()), quiet);
    const first = await desk.open('corr-1', facts);
    expect(first).toMatchObject({ fresh: true, record: { state: 'opened', ticket: { number: 'INC0012345' } } });
    const second = await desk.open('corr-1', { ...facts, openedBy: 'Alex Wilber' });
    expect(second).toMatchObject({ fresh: false, record: { state: 'opened', ticket: { number: 'INC0012345' }, facts: { openedBy: 'Megan Bowen' } } });
    expect(target.calls).toBe(1);
  });

  it('two agents pressing at once (two desks, one store): one call, and the second is told it is being opened', async () => {
    const target = new FakeTarget();
    let release!: () => void;
    target.gate = new Promise<void>((r) => (release = r));
    const store = folder();
    const [a, b] = [new TicketDesk(target, new FileItemStore(store), quiet), new TicketDesk(target, new FileItemStore(store), quiet)];
    const pressA = a.open('corr-2', facts);
    // A's request is stored before its call; B reads it while A waits for the system.
    await until(() => target.calls === 1);
    const pressB = await b.open('corr-2', facts);
    expect(pressB).toMatchObject({ fresh: false, record: { state: 'sending' } });
    release();
    expect((await pressA).record.state).toBe('opened');
    expect((await b.open('corr-2', facts)).record.ticket?.number).toBe('INC0012345');
    expect(target.calls).toBe(1);
  });

  it('a system that is down: stored as queued, retried by the outbox with backoff, opened once when it answers', async () => {
    const target = new FakeTarget();
    target.down = new TicketTargetError('ServiceNow: HTTP 503 (Service Unavailable)', true);
    let now = Date.parse('2026-11-20T10:42:00Z');
    const desk = new TicketDesk(target, new FileItemStore(folder()), quiet, { clock: () => now });
    const press = await desk.open('corr-3', facts);
    expect(press.record).toMatchObject({
      state: 'queued',
      tries: 1,
      lastError: 'ServiceNow: HTTP 503 (Service Unavailable)',
      nextTryAt: '2026-11-20T10:42:30.000Z',
    });
    // Not yet due: nothing sent. A second press while queued sends nothing either.
    expect(await desk.retryDue()).toEqual({ opened: 0, queued: 0, failed: 0 });
    expect((await desk.open('corr-3', facts)).fresh).toBe(false);
    expect(target.calls).toBe(1);
    now += 30_000;
    expect(await desk.retryDue()).toEqual({ opened: 0, queued: 1, failed: 0 });
    expect((await desk.status('corr-3'))?.nextTryAt).toBe(new Date(now + backoffMs(2)).toISOString());
    target.down = undefined;
    now += backoffMs(2);
    expect(await desk.retryDue()).toEqual({ opened: 1, queued: 0, failed: 0 });
    expect(await desk.status('corr-3')).toMatchObject({ state: 'opened', tries: 3, ticket: { number: 'INC0012345' } });
    expect(target.opened.size).toBe(1);
  });

  it('bounded: the wait doubles up to 30 minutes, and after MAX_TRIES the request is marked failed; a refusal is not retried', async () => {
    expect([1, 2, 3, 6, 7, 12].map(backoffMs)).toEqual([30_000, 60_000, 120_000, 960_000, 1_800_000, 1_800_000]);
    const target = new FakeTarget();
    target.down = new TicketTargetError('down', true);
    let now = 0;
    const desk = new TicketDesk(target, new FileItemStore(folder()), quiet, { clock: () => now });
    await desk.open('corr-4', facts);
    for (let i = 0; i < MAX_TRIES + 3; i++) {
      now += 3_600_000;
      await desk.retryDue();
    }
    expect(target.calls).toBe(MAX_TRIES);
    expect((await desk.status('corr-4'))?.state).toBe('failed');
    target.down = new TicketTargetError('ServiceNow: HTTP 401', false);
    const refused = await desk.open('corr-5', facts);
    expect(refused.record).toMatchObject({ state: 'failed', tries: 1, lastError: 'ServiceNow: HTTP 401' });
  });

  it('a try after one that may have reached the system asks it first (find), so a lost answer opens no second ticket', async () => {
    const target = new FakeTarget();
    let now = 0;
    const desk = new TicketDesk(target, new FileItemStore(folder()), quiet, { clock: () => now });
    // The system opened it, but its answer was lost (a timeout on our side).
    target.open = async (_t, key) => {
      target.calls++;
      target.opened.set(key, { number: 'INC0099999' });
      throw new TicketTargetError('ServiceNow: no answer within 8 s', true);
    };
    expect((await desk.open('corr-6', facts)).record.state).toBe('queued');
    now += 60_000;
    await desk.retryDue();
    expect(await desk.status('corr-6')).toMatchObject({ state: 'opened', ticket: { number: 'INC0099999' } });
    expect(target.calls).toBe(1);
  });
});

describe('killed between the press and the answer', () => {
  it('loses nothing and opens one ticket after a restart (a real process, SIGKILL, a second desk over the same store)', async () => {
    const secret = 'a-shared-secret-of-32-characters';
    const rx = await startReceiver(secret, { hold: true });
    const store = folder();
    try {
      const child = spawn(process.execPath, ['--import', 'tsx', new URL('./desk-child.ts', import.meta.url).pathname], {
        env: { ...process.env, URL: rx.url, SECRET: secret, STORE: store, CORR: 'corr-kill', FACTS: JSON.stringify(facts) },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const exited = new Promise((r) => child.once('exit', r));
      // The system has the request; the bot is killed before it answers.
      await until(() => rx.requests() === 1, 60_000);
      child.kill('SIGKILL');
      await exited;
      expect(readdirSync(store)).toHaveLength(1);
      rx.hold(false);
      const restarted = new TicketDesk(new WebhookTarget({ url: rx.url, secret }), new FileItemStore(store), quiet);
      restarted.start();
      await until(async () => (await restarted.status('corr-kill'))?.state === 'opened', 60_000);
      await restarted.stop();
      expect(await restarted.status('corr-kill')).toMatchObject({ state: 'opened', tries: 2, ticket: { number: 'HD-1001' } });
      // Sent twice with one key; the receiver opened one ticket.
      expect(rx.requests()).toBe(2);
      expect(rx.tickets.size).toBe(1);
    } finally {
      await rx.stop();
    }
  }, 120_000);
});

describe('killed after ServiceNow created the incident, before its answer', () => {
  it('the restarted desk finds the incident by correlation_id and opens no second one', async () => {
    const sn = await startServiceNow({ hold: true });
    const store = folder();
    try {
      const child = spawn(process.execPath, ['--import', 'tsx', new URL('./desk-child.ts', import.meta.url).pathname], {
        env: { ...process.env, TARGET: 'servicenow', URL: sn.url, STORE: store, CORR: 'corr-sn', FACTS: JSON.stringify(facts) },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const exited = new Promise((r) => child.once('exit', r));
      await until(() => sn.incidents.length === 1, 60_000);
      child.kill('SIGKILL');
      await exited;
      sn.hold(false);
      const restarted = new TicketDesk(
        new ServiceNowTarget({ url: sn.url, auth: { kind: 'basic', user: 'svc', password: 'pw' } }),
        new FileItemStore(store),
        quiet,
      );
      restarted.start();
      await until(async () => (await restarted.status('corr-sn'))?.state === 'opened', 60_000);
      await restarted.stop();
      expect(await restarted.status('corr-sn')).toMatchObject({
        state: 'opened',
        tries: 2,
        ticket: { number: 'INC0012345', url: `${sn.url}/incident.do?sys_id=sys1` },
      });
      expect(sn.posts()).toBe(1);
      expect(sn.incidents).toHaveLength(1);
      expect(sn.incidents[0]!.correlation_id).toBe('signin-diag:servicenow:corr-sn');
    } finally {
      await sn.stop();
    }
  }, 120_000);
});

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}
