import { BlockList, isIP } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ipRanges } from '../../src/diagnosis/ip-ranges.ts';

/** The pure range check answers as node:net's BlockList, which the evaluator used before (the pure core may not). */
function blockList(cidrs: string[]): (ip: string) => boolean {
  const bl = new BlockList();
  for (const c of cidrs) {
    const [net, bits] = c.split('/');
    const f = isIP(net ?? '');
    if (!f || bits === undefined) continue;
    bl.addSubnet(net!, Number(bits), f === 6 ? 'ipv6' : 'ipv4');
  }
  return (ip) => bl.check(ip, isIP(ip) === 6 ? 'ipv6' : 'ipv4');
}

const v4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((p) => p.join('.'));
const group = fc.constantFrom(0, 1, 0xffff, 0xfffe, 0x2001, 0xdb8, 0xfe80, 10).chain((g) => fc.oneof(fc.constant(g), fc.nat(0xffff)));
const v6 = fc.oneof(
  fc.array(group, { minLength: 8, maxLength: 8 }).map((g) => g.map((x) => x.toString(16)).join(':')),
  fc
    .tuple(fc.array(group, { maxLength: 3 }), fc.array(group, { maxLength: 3 }))
    .map(([a, b]) => `${a.map((x) => x.toString(16)).join(':')}::${b.map((x) => x.toString(16)).join(':')}`),
  v4.map((a) => `::ffff:${a}`),
  fc.tuple(fc.array(group, { maxLength: 2 }), v4).map(([a, b]) => `${a.map((x) => x.toString(16)).join(':')}::${b}`),
);
const address = fc.oneof(v4, v6);
const range = fc.oneof(
  fc.tuple(v4, fc.nat(32)).map(([a, p]) => `${a}/${p}`),
  fc.tuple(v6, fc.nat(128)).map(([a, p]) => `${a}/${p}`),
  fc.tuple(v4, fc.integer({ min: 0, max: 8 })).map(([a, p]) => `::ffff:${a}/${96 + p}`),
);

describe('IP ranges', () => {
  it('agrees with BlockList on IPv4, IPv6, mapped and compressed forms', () => {
    fc.assert(
      fc.property(fc.array(range, { maxLength: 4 }), fc.array(address, { minLength: 1, maxLength: 6 }), (cidrs, ips) => {
        const ours = ipRanges(cidrs);
        const theirs = blockList(cidrs);
        for (const ip of ips) expect(ours.has(ip), `${ip} in ${cidrs.join(' ')}`).toBe(theirs(ip));
      }),
      { numRuns: 3000 },
    );
  });

  it('a few by hand: inside, outside, the mapped forms, a zone, and what is not a range', () => {
    const r = ipRanges(['203.0.113.0/24', '2001:db8::/32', 'not-an-address/8', '10.0.0.0', '198.51.100.0/33']);
    expect(r.has('203.0.113.77')).toBe(true);
    expect(r.has('203.0.114.1')).toBe(false);
    expect(r.has('::ffff:203.0.113.9')).toBe(true);
    expect(r.has('2001:DB8::1')).toBe(true);
    expect(r.has('2001:db9::1')).toBe(false);
    expect(r.has('10.0.0.0')).toBe(false); // no prefix length: skipped
    expect(r.has('198.51.100.1')).toBe(false); // /33 is no range
    expect(r.has('fe80::1%eth0')).toBe(false);
    expect(ipRanges(['fe80::/10']).has('fe80::1%eth0')).toBe(true);
    expect(ipRanges(['::ffff:0:0/96']).has('192.0.2.1')).toBe(true);
    expect(r.has('banana')).toBe(false);
  });
});
