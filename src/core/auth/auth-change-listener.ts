import { randomUUID } from 'node:crypto';
import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config.js';
import type { AuthChange } from './verified-key-cache.js';
import { ApiKeyVerifier } from './api-key-verifier.js';

export const AUTH_CHANNEL = 'faireplace_auth';
const RECONNECT_DELAY_MS = 1_000;
const MAX_RECONNECT_DELAY_MS = 30_000;
/** The cache stays trusted this many heartbeat intervals after the last beat that came back. */
const BEATS_OF_SILENCE_TOLERATED = 2.5;
/** Beats that must come back after connecting before the connection is declared deaf. */
const BEATS_BEFORE_DEAF = 5;

type Heartbeat = { kind: 'heartbeat'; id: string };

/**
 * Keeps one direct connection LISTENing to `faireplace_auth` (triggers on api_keys, users and
 * tenants notify it on commit), so a revocation reaches every instance's key cache at once.
 *
 * A LISTEN connection can go deaf without any error: a half-open TCP connection, or PgBouncer in
 * transaction mode (LISTEN "succeeds", nothing ever arrives). So the listener proves it hears:
 * every few seconds it sends a NOTIFY to itself through the app's pool (the path revocations
 * take) and the key cache is trusted only while those beats come back (TCP keepalive detects
 * the dead peer too). A connection that never hears its first beats is refused as deaf (a
 * PgBouncer URL: set DATABASE_LISTEN_URL to PostgreSQL itself) and tried again later; meanwhile
 * every request is checked against the database.
 */
@Injectable()
export class AuthChangeListener implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(AuthChangeListener.name);
  private readonly instance = randomUUID();
  private client?: pg.Client;
  private stopped = false;
  private reconnectTimer?: NodeJS.Timeout;
  private heartbeatTimer?: NodeJS.Timeout;
  private reconnectDelay = RECONNECT_DELAY_MS;
  private beatsSent = 0;
  private beatsHeard = 0;

  constructor(
    private readonly config: AppConfig,
    private readonly verifier: ApiKeyVerifier,
    private readonly dataSource: DataSource,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    clearInterval(this.heartbeatTimer);
    this.verifier.cache.distrust();
    await this.client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client({
      connectionString: this.config.DATABASE_LISTEN_URL ?? this.config.DATABASE_URL,
      application_name: 'faireplace-auth-listener',
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    });
    client.on('notification', (message) => this.onNotification(message.payload));
    client.on('error', (error) => this.onDisconnect(client, error));
    client.on('end', () => this.onDisconnect(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${AUTH_CHANNEL}`);
      this.client = client;
      this.beatsSent = 0;
      this.beatsHeard = 0;
      this.startHeartbeat(client);
    } catch (error) {
      this.onDisconnect(client, error);
    }
  }

  private startHeartbeat(client: pg.Client): void {
    clearInterval(this.heartbeatTimer);
    const beat = () => {
      if (this.client !== client) return;
      if (this.beatsHeard === 0 && this.beatsSent >= BEATS_BEFORE_DEAF) {
        this.logger.error(
          'The revocation listener hears no notification (is DATABASE_LISTEN_URL, or DATABASE_URL, a PgBouncer in transaction mode? LISTEN needs PostgreSQL directly): refused; keys are checked in the database until it hears',
        );
        this.onDisconnect(client, new Error('no heartbeat came back'));
        return;
      }
      this.beatsSent++;
      const payload: Heartbeat = { kind: 'heartbeat', id: this.instance };
      this.dataSource.query('SELECT pg_notify($1, $2)', [AUTH_CHANNEL, JSON.stringify(payload)]).catch(() => undefined);
    };
    this.heartbeatTimer = setInterval(beat, this.config.AUTH_HEARTBEAT_INTERVAL_MS);
    this.heartbeatTimer.unref();
    beat();
  }

  private onNotification(payload: string | undefined): void {
    try {
      const change = JSON.parse(payload ?? '') as AuthChange | Heartbeat;
      if (change.kind === 'heartbeat') {
        if (change.id === this.instance) this.onBeat();
        return;
      }
      this.verifier.cache.invalidate(change);
    } catch {
      this.verifier.cache.clear();
    }
  }

  private onBeat(): void {
    this.beatsHeard++;
    this.reconnectDelay = RECONNECT_DELAY_MS;
    this.verifier.cache.trustFor(this.config.AUTH_HEARTBEAT_INTERVAL_MS * BEATS_OF_SILENCE_TOLERATED);
  }

  private onDisconnect(client: pg.Client, error?: unknown): void {
    this.verifier.cache.distrust();
    if (this.client !== client && this.client !== undefined) return;
    this.client = undefined;
    clearInterval(this.heartbeatTimer);
    client.removeAllListeners();
    client.on('error', () => undefined);
    client.end().catch(() => undefined);
    if (this.stopped || this.reconnectTimer) return;
    if (error) this.logger.warn(`Revocation listener lost (${(error as Error).message}); key cache off until it hears again`);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      void this.connect();
    }, this.reconnectDelay);
    this.reconnectTimer.unref();
    this.reconnectDelay = Math.min(this.reconnectDelay * 2, MAX_RECONNECT_DELAY_MS);
  }
}
