import { isIP } from 'node:net';

/**
 * Whether an address lies in any of some CIDR ranges, answered as node:net's BlockList answers
 * it (the pure core may not use BlockList: it belongs with sockets). Addresses are compared as
 * 128-bit numbers with IPv4 as IPv4-mapped IPv6 (::ffff:a.b.c.d), so an IPv4 range holds the
 * mapped form of its addresses and an IPv6 range over ::ffff:0:0/96 holds IPv4 ones, as in BlockList.
 * A range that is not an address and a prefix length is skipped (BlockList would throw).
 */
export interface IpRanges {
  has(ip: string): boolean;
}

const ALL = (1n << 128n) - 1n;
const MAPPED = 0xffffn << 32n;

const v4 = (ip: string): bigint => ip.split('.').reduce((n, part) => (n << 8n) | BigInt(Number(part)), 0n);

/** An IPv6 address (already checked by isIP) as a number: "::" filled in, a trailing IPv4 part as two groups, a zone dropped. */
function v6(address: string): bigint {
  let s = address.replace(/%.*$/, '');
  if (s.includes('.')) {
    const at = s.lastIndexOf(':');
    const n = Number(v4(s.slice(at + 1)));
    s = `${s.slice(0, at + 1)}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const [head, tail] = s.split('::');
  const first = head ? head.split(':') : [];
  const last = tail ? tail.split(':') : [];
  const groups = tail === undefined ? first : [...first, ...Array<string>(8 - first.length - last.length).fill('0'), ...last];
  return groups.reduce((n, g) => (n << 16n) | BigInt(parseInt(g, 16)), 0n);
}

/** The address as a number in the IPv6 space, or undefined when it is not an address. */
function numberOf(ip: string): bigint | undefined {
  const family = isIP(ip);
  return family === 4 ? MAPPED | v4(ip) : family === 6 ? v6(ip) : undefined;
}

export function ipRanges(cidrs: readonly string[]): IpRanges {
  const ranges: { net: bigint; mask: bigint }[] = [];
  for (const cidr of cidrs) {
    const [net, bits] = cidr.split('/');
    const family = isIP(net ?? '');
    const prefix = Number(bits);
    if (!family || bits === undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > (family === 4 ? 32 : 128)) continue;
    const width = BigInt((family === 4 ? 32 : 128) - prefix);
    const mask = ALL ^ ((1n << width) - 1n);
    ranges.push({ net: numberOf(net!)! & mask, mask });
  }
  return {
    has(ip) {
      const n = numberOf(ip);
      return n !== undefined && ranges.some((r) => (n & r.mask) === r.net);
    },
  };
}
