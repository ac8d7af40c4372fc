import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { Injectable } from '@nestjs/common';
import { SEND_TIMEOUT_MS } from './retry-schedule.js';
import type { WebhookTarget } from './webhook-url-policy.js';

export interface SendResult {
  /** The receiver's HTTP status; undefined when it never answered. */
  statusCode?: number;
  latencyMs: number;
  /** Why it did not succeed (undefined for a 2xx). */
  error?: string;
}

const USER_AGENT = 'FairePlace-Webhooks/1.0 (+https://faireplace.example/docs/webhooks)';

/**
 * One POST to a webhook receiver, with no database transaction open. The connection goes to the
 * address that was checked (`lookup` answers it, whatever DNS says now), while TLS (SNI and the
 * certificate) and the Host header use the URL's own name. A fresh connection each time (no
 * pooled socket picked by name), redirects are not followed (a 3xx is a failure), everything
 * within 10 s, and the response body is drained, never kept.
 */
@Injectable()
export class WebhookSender {
  send(target: WebhookTarget, body: string, headers: Record<string, string>, timeoutMs = SEND_TIMEOUT_MS): Promise<SendResult> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const { address, family } = target.address;
    const pinned: LookupFunction = (_hostname, options, callback) => {
      if ((options as { all?: boolean }).all) (callback as unknown as (error: null, addresses: { address: string; family: number }[]) => void)(null, [{ address, family }]);
      else callback(null, address, family);
    };
    const client = target.url.protocol === 'https:' ? https : http;
    return new Promise<SendResult>((resolve) => {
      let settled = false;
      const finish = (result: SendResult) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(result);
      };
      const request = client.request(
        {
          method: 'POST',
          protocol: target.url.protocol,
          hostname: target.hostname,
          port: target.url.port || undefined,
          path: `${target.url.pathname}${target.url.search}`,
          headers: { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)), 'User-Agent': USER_AGENT, ...headers },
          lookup: pinned,
          agent: false,
        },
        (response) => {
          const statusCode = response.statusCode ?? 0;
          // Drained, never read; a body still streaming after 5 s is cut off.
          const cutOff = setTimeout(() => request.destroy(), 5_000);
          response.on('end', () => clearTimeout(cutOff));
          response.on('error', () => clearTimeout(cutOff));
          response.resume();
          const ok = statusCode >= 200 && statusCode < 300;
          const redirect = statusCode >= 300 && statusCode < 400 ? ' (redirects are not followed)' : '';
          finish({ statusCode, latencyMs: elapsed(), error: ok ? undefined : `HTTP ${statusCode}${redirect}` });
        },
      );
      const timer = setTimeout(() => request.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
      request.on('error', (error: Error & { code?: string }) => finish({ latencyMs: elapsed(), error: error.code && !error.message.includes(error.code) ? `${error.code}: ${error.message}` : error.message }));
      request.end(body);
    });
  }
}
