import { isIPv4, isIPv6 } from 'node:net';

/** Why an address may not receive webhooks; `public` when it may. */
export type AddressClass =
  | 'public'
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'shared'
  | 'link-local'
  | 'unique-local'
  | 'multicast'
  | 'documentation'
  | 'reserved'
  | 'invalid';

type Range = [base: bigint, prefix: number, kind: Exclude<AddressClass, 'public' | 'invalid'>];

const v4 = (text: string, prefix: number, kind: Range[2]): Range => [ipv4ToBigInt(text)!, prefix, kind];
const v6 = (text: string, prefix: number, kind: Range[2]): Range => [ipv6ToBigInt(text)!, prefix, kind];

/** IPv4 space a webhook must never reach (RFC 6890 special-purpose registry, and the rest of 0/8 and 240/4). */
const IPV4_RANGES: Range[] = [
  v4('0.0.0.0', 8, 'unspecified'), // "this network"
  v4('10.0.0.0', 8, 'private'),
  v4('100.64.0.0', 10, 'shared'), // carrier-grade NAT
  v4('127.0.0.0', 8, 'loopback'),
  v4('169.254.0.0', 16, 'link-local'), // 169.254.169.254: cloud metadata
  v4('172.16.0.0', 12, 'private'),
  v4('192.0.0.0', 24, 'reserved'), // IETF protocol assignments
  v4('192.0.2.0', 24, 'documentation'),
  v4('192.88.99.0', 24, 'reserved'), // 6to4 relay anycast
  v4('192.168.0.0', 16, 'private'),
  v4('198.18.0.0', 15, 'reserved'), // benchmarking
  v4('198.51.100.0', 24, 'documentation'),
  v4('203.0.113.0', 24, 'documentation'),
  v4('224.0.0.0', 4, 'multicast'),
  v4('240.0.0.0', 4, 'reserved'), // and 255.255.255.255
];

/** IPv6 blocks that are not public even inside 2000::/3, the only global unicast space. */
const IPV6_RANGES: Range[] = [
  v6('::', 128, 'unspecified'),
  v6('::1', 128, 'loopback'),
  v6('64:ff9b:1::', 48, 'private'), // local-use NAT64
  v6('100::', 64, 'reserved'), // discard-only
  v6('2001::', 23, 'reserved'), // IETF protocol assignments (Teredo, ORCHID, AS112...)
  v6('2001:db8::', 32, 'documentation'),
  v6('3fff::', 20, 'documentation'),
  v6('fc00::', 7, 'unique-local'),
  v6('fe80::', 10, 'link-local'),
  v6('fec0::', 10, 'private'), // deprecated site-local
  v6('ff00::', 8, 'multicast'),
];

const inRange = (value: bigint, bits: number, [base, prefix]: Range) => value >> BigInt(bits - prefix) === base >> BigInt(bits - prefix);

/**
 * Whether a webhook may be sent to this address (an IP literal: what DNS answered, or the URL's
 * own host). IPv6 forms that carry an IPv4 address (mapped ::ffff:a.b.c.d, NAT64 64:ff9b::/96,
 * 6to4 2002::/16) are judged by that IPv4 address; anything outside 2000::/3 is not public.
 */
export function classifyAddress(address: string): AddressClass {
  const text = address.replace(/^\[|\]$/g, '').replace(/%.*$/, ''); // brackets of a URL host; an IPv6 zone
  if (isIPv4(text)) return classifyIpv4(ipv4ToBigInt(text)!);
  if (!isIPv6(text)) return 'invalid';
  const value = ipv6ToBigInt(text);
  if (value === undefined) return 'invalid';
  const embedded = embeddedIpv4(value);
  if (embedded !== undefined) return classifyIpv4(embedded);
  if (value >> 96n === 0n) return value <= 1n ? (value === 0n ? 'unspecified' : 'loopback') : 'reserved'; // IPv4-compatible (deprecated)
  const range = IPV6_RANGES.find((candidate) => inRange(value, 128, candidate));
  if (range) return range[2];
  return value >> 125n === 1n ? 'public' : 'reserved'; // 2000::/3
}

function classifyIpv4(value: bigint): AddressClass {
  return IPV4_RANGES.find((range) => inRange(value, 32, range))?.[2] ?? 'public';
}

/** The IPv4 address an IPv6 address stands for, when it is one of the forms that carry one. */
function embeddedIpv4(value: bigint): bigint | undefined {
  if (value >> 32n === 0xffffn) return value & 0xffffffffn; // ::ffff:a.b.c.d
  if (value >> 32n === ipv6ToBigInt('64:ff9b::')! >> 32n) return value & 0xffffffffn; // NAT64
  if (value >> 112n === 0x2002n) return (value >> 80n) & 0xffffffffn; // 6to4
  return undefined;
}

function ipv4ToBigInt(text: string): bigint | undefined {
  if (!isIPv4(text)) return undefined;
  return text.split('.').reduce((value, part) => (value << 8n) | BigInt(Number(part)), 0n);
}

/** An IPv6 address (compressed or not, with or without a trailing dotted IPv4) as a 128-bit number. */
function ipv6ToBigInt(text: string): bigint | undefined {
  let groups = text;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(groups);
  if (dotted) {
    const value = ipv4ToBigInt(dotted[1]);
    if (value === undefined) return undefined;
    groups = `${groups.slice(0, dotted.index)}${(value >> 16n).toString(16)}:${(value & 0xffffn).toString(16)}`;
  }
  const halves = groups.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (all.some((group) => !/^[0-9a-f]{1,4}$/i.test(group))) return undefined;
  return all.reduce((value, group) => (value << 16n) | BigInt(Number.parseInt(group, 16)), 0n);
}
