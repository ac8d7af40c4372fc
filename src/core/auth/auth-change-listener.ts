import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import pg from 'pg';
import { AppConfig } from '../../config/app-config.js';
import type { AuthChange } from './verified-key-cache.js';
import { ApiKeyVerifier } from './api-key-verifier.js';

export const AUTH_CHANNEL = 'faireplace_auth';
const RECONNECT_DELAY_MS = 1_000;

/**
 * Keeps one direct connection LISTENing to `faireplace_auth` (triggers on api_keys and users
 * notify it on commit), so a revocation reaches every instance's key cache at once. It is a
 * session-level feature: through PgBouncer in transaction mode it needs its own direct URL.
 * While disconnected, the cache is off and every request is checked against the database.
 */
@Injectable()
export class AuthChangeListener implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(AuthChangeListener.name);
  private client?: pg.Client;
  private stopped = false;
  private reconnectTimer?: NodeJS.Timeout;

  constructor(
    private readonly config: AppConfig,
    private readonly verifier: ApiKeyVerifier,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    this.verifier.cache.setEnabled(false);
    await this.client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client({
      connectionString: this.config.DATABASE_LISTEN_URL ?? this.config.DATABASE_URL,
      application_name: 'faireplace-auth-listener',
    });
    client.on('notification', (message) => this.onNotification(message.payload));
    client.on('error', (error) => this.onDisconnect(client, error));
    client.on('end', () => this.onDisconnect(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${AUTH_CHANNEL}`);
      this.client = client;
      this.verifier.cache.setEnabled(true);
    } catch (error) {
      this.onDisconnect(client, error);
    }
  }

  private onNotification(payload: string | undefined): void {
    try {
      const change = JSON.parse(payload ?? '') as AuthChange;
      this.verifier.cache.invalidate(change);
    } catch {
      this.verifier.cache.clear();
    }
  }

  private onDisconnect(client: pg.Client, error?: unknown): void {
    this.verifier.cache.setEnabled(false);
    if (this.client !== client && this.client !== undefined) return;
    this.client = undefined;
    client.removeAllListeners();
    client.on('error', () => undefined);
    client.end().catch(() => undefined);
    if (this.stopped || this.reconnectTimer) return;
    if (error) this.logger.warn(`Revocation listener lost (${(error as Error).message}); key cache off until it is back`);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      void this.connect();
    }, RECONNECT_DELAY_MS);
    this.reconnectTimer.unref();
  }
}
