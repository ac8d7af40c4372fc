import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import { RuleViolationError, ValidationFailedError } from '../../core/errors/domain-errors.js';
import { type AddressClass, classifyAddress } from './address-classifier.js';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/**
 * DNS for webhook hosts (node's resolver, as every outgoing connection would use). A class of its
 * own so a test can stand in for DNS (a name that changes its answer between two lookups).
 */
@Injectable()
export class HostResolver {
  async resolve(hostname: string): Promise<ResolvedAddress[]> {
    const answers = await lookup(hostname, { all: true, verbatim: true });
    return answers.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
  }
}

/** Where a delivery connects: the URL as given, and the one address that was checked. */
export interface WebhookTarget {
  url: URL;
  /** The host without IPv6 brackets: SNI, certificate check and Host header use it. */
  hostname: string;
  address: ResolvedAddress;
}

/** Refused at send time; the delivery records the message, and it counts as a failed attempt. */
export class UnsafeTargetError extends Error {}

const DNS_NOT_FOUND = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ENODATA', 'ESERVFAIL', 'ETIMEOUT']);
/**
 * A lookup takes at most this long: at creation it runs inside the request's transaction (its
 * connection held), at send time before the 10 s of the POST. Past it, the name counts as not
 * resolving (accepted when saved, a failed attempt when sending).
 */
const DNS_TIMEOUT_MS = 3_000;

/**
 * SSRF rules for webhook URLs (docs/webhooks.md): https only, no credentials in the URL, and
 * every address the host resolves to must be public (no loopback, private, shared/CGNAT,
 * link-local such as the 169.254.169.254 metadata service, unique-local, multicast, reserved, nor
 * an IPv6 form of one). Checked when an endpoint is saved and again before every send, where the
 * connection then goes to the address that was checked (DNS rebinding cannot swap it).
 * WEBHOOK_ALLOW_PRIVATE_URLS (development and tests, refused in production) lifts the scheme and
 * address rules.
 */
@Injectable()
export class WebhookUrlPolicy {
  private readonly allowPrivate: boolean;

  constructor(
    config: AppConfig,
    private readonly resolver: HostResolver,
  ) {
    this.allowPrivate = config.WEBHOOK_ALLOW_PRIVATE_URLS;
  }

  /**
   * For an endpoint being saved: 400 for a URL of the wrong shape, 422 when its host is (or
   * resolves to) an address that is not public. A name that does not resolve yet is accepted:
   * every send resolves it again and applies the same rule.
   */
  async assertAcceptable(raw: string): Promise<void> {
    const url = this.parse(raw, (message) => ValidationFailedError.field('url', message));
    let addresses: ResolvedAddress[];
    try {
      addresses = await this.addressesOf(url);
    } catch (error) {
      if (DNS_NOT_FOUND.has((error as { code?: string }).code ?? '')) return;
      throw error;
    }
    const refused = this.refused(addresses);
    if (refused) {
      throw new RuleViolationError(`The URL's host resolves to a ${refused.kind} address (${refused.address}): webhooks go to public addresses only`, {
        rule: 'webhook_url_public',
        address_class: refused.kind,
      });
    }
  }

  /** For a send: the address to connect to, or UnsafeTargetError (the attempt fails, nothing is sent). */
  async target(raw: string): Promise<WebhookTarget> {
    const url = this.parse(raw, (message) => new UnsafeTargetError(message));
    let addresses: ResolvedAddress[];
    try {
      addresses = await this.addressesOf(url);
    } catch (error) {
      throw new UnsafeTargetError(`DNS lookup of ${url.hostname} failed (${(error as { code?: string }).code ?? (error as Error).message})`);
    }
    if (addresses.length === 0) throw new UnsafeTargetError(`${url.hostname} has no address`);
    const refused = this.refused(addresses);
    if (refused) throw new UnsafeTargetError(`Refused: ${url.hostname} resolves to a ${refused.kind} address (${refused.address})`);
    return { url, hostname: hostnameOf(url), address: addresses[0] };
  }

  private parse(raw: string, fail: (message: string) => Error): URL {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw fail('url must be an absolute URL');
    }
    const schemes = this.allowPrivate ? ['https:', 'http:'] : ['https:'];
    if (!schemes.includes(url.protocol)) throw fail(this.allowPrivate ? 'url must be an http or https URL' : 'url must be an https URL');
    if (url.username || url.password) throw fail('url must not contain credentials');
    if (url.hash) throw fail('url must not contain a fragment');
    return url;
  }

  private async addressesOf(url: URL): Promise<ResolvedAddress[]> {
    const hostname = hostnameOf(url);
    const literal = isIP(hostname);
    if (literal) return [{ address: hostname, family: literal === 6 ? 6 : 4 }];
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error(`no DNS answer within ${DNS_TIMEOUT_MS / 1000} s`), { code: 'ETIMEOUT' })), DNS_TIMEOUT_MS);
    });
    try {
      return await Promise.race([this.resolver.resolve(hostname), late]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** The first address that is not public (every one must be: a client may use any of them). */
  private refused(addresses: ResolvedAddress[]): { address: string; kind: AddressClass } | undefined {
    if (this.allowPrivate) return undefined;
    for (const { address } of addresses) {
      const kind = classifyAddress(address);
      if (kind !== 'public') return { address, kind };
    }
    return undefined;
  }
}

const hostnameOf = (url: URL) => url.hostname.replace(/^\[|\]$/g, '');
