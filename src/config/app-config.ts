import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { plainToInstance, Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

const POSTGRES_URL = /^postgres(ql)?:\/\/.+/;
const toBoolean = ({ value }: { value: unknown }) =>
  value === undefined ? undefined : ['1', 'true', 'yes', 'on'].includes(String(value).toLowerCase());

/**
 * The whole environment of the API, validated once at start-up: a bad `.env` stops the process
 * with every problem listed, instead of failing on the first request that needs the value.
 */
export class AppConfig {
  @IsIn(['development', 'production', 'test', 'bench'])
  NODE_ENV: 'development' | 'production' | 'test' | 'bench' = 'development';

  @Type(() => Number) @IsInt() @Min(0) @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  /** App-role connection (NOSUPERUSER, NOBYPASSRLS). Unset: the embedded PostgreSQL in ./.data. */
  @IsOptional() @Matches(POSTGRES_URL, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  /** Owner-role connection, used only by migrations. */
  @IsOptional() @Matches(POSTGRES_URL, { message: 'DATABASE_OWNER_URL must be a postgres:// URL' })
  DATABASE_OWNER_URL?: string;

  /** Superuser connection, used only by `npm run db:setup` to create the database and roles. */
  @IsOptional() @Matches(POSTGRES_URL, { message: 'DATABASE_ADMIN_URL must be a postgres:// URL' })
  DATABASE_ADMIN_URL?: string;

  /** A direct (not PgBouncer) app-role URL for LISTEN; defaults to DATABASE_URL. */
  @IsOptional() @Matches(POSTGRES_URL, { message: 'DATABASE_LISTEN_URL must be a postgres:// URL' })
  DATABASE_LISTEN_URL?: string;

  @Type(() => Number) @IsInt() @Min(1) @Max(200)
  DATABASE_POOL_SIZE = 10;

  /** Where the embedded PostgreSQL keeps its files when DATABASE_URL is unset. */
  @IsString()
  EMBEDDED_DATA_DIR = '.data';

  /**
   * Which proxies' X-Forwarded-For to believe, so the client IP (rate limits on failed keys, the
   * signer's IP in proofs) is the caller's and not the load balancer's: false (default: no proxy),
   * true, a number of hops, or addresses/subnets (`loopback, 10.0.0.0/8`). Set it behind a proxy.
   */
  @IsString()
  TRUST_PROXY = 'false';

  /** Enables /internal (dashboard backend) when set; at least 32 characters. */
  @IsOptional() @IsString() @MinLength(32, { message: 'INTERNAL_API_TOKEN must be at least 32 characters' })
  INTERNAL_API_TOKEN?: string;

  /** How long a verified API key is served from memory; revocation still lands within 1 s. */
  @Type(() => Number) @IsInt() @Min(0) @Max(300_000)
  API_KEY_CACHE_TTL_MS = 60_000;

  /**
   * How often the revocation listener proves it still hears (a NOTIFY to itself through the pool).
   * The key cache is off when beats stop for 2.5 intervals: that bounds how long a deaf listener
   * can let a revoked key through.
   */
  @Type(() => Number) @IsInt() @Min(100) @Max(60_000)
  AUTH_HEARTBEAT_INTERVAL_MS = 2_000;

  /** How long an unknown key is remembered as unknown (each made-up key costs one lookup, not one per request). */
  @Type(() => Number) @IsInt() @Min(0) @Max(300_000)
  API_KEY_NEGATIVE_CACHE_MS = 5_000;

  /** Failed authentications allowed per client IP per minute; more: 429 until the minute is over. */
  @Type(() => Number) @IsInt() @Min(1) @Max(1_000_000)
  AUTH_FAILURES_PER_MINUTE = 30;

  @Type(() => Number) @IsInt() @Min(1024) @Max(50 * 1024 * 1024)
  BODY_LIMIT_BYTES = 1024 * 1024;

  @IsOptional() @Transform(toBoolean) @IsBoolean()
  SWAGGER_ENABLED = true;

  /** Where uploaded files and generated PDFs are kept: the local disk, or an S3-compatible bucket. */
  @IsIn(['local', 's3'])
  STORAGE_DRIVER: 'local' | 's3' = 'local';

  /** Local storage root (also the upload staging area, whatever the driver). */
  @IsString()
  MEDIA_ROOT = '.data/media';

  /** Largest accepted upload; bigger ones are cut off while streaming (413). */
  @Type(() => Number) @IsInt() @Min(1) @Max(1024 * 1024 * 1024)
  MEDIA_MAX_BYTES = 10 * 1024 * 1024;

  @IsOptional() @IsString() S3_BUCKET?: string;
  @IsOptional() @IsString() S3_REGION?: string;
  /** For S3-compatible services (MinIO, Scaleway, OVH, ...). */
  @IsOptional() @IsString() S3_ENDPOINT?: string;
  @IsOptional() @Transform(toBoolean) @IsBoolean() S3_FORCE_PATH_STYLE?: boolean;
  @IsOptional() @IsString() S3_ACCESS_KEY_ID?: string;
  @IsOptional() @IsString() S3_SECRET_ACCESS_KEY?: string;

  @IsIn(['fatal', 'error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'log' | 'debug' | 'verbose' = 'log';

  /**
   * `auto`: readable lines (pino-pretty) when stdout is a terminal outside production, JSON
   * otherwise (a log collector, a pipe, a container). `json` or `pretty` force one.
   */
  @IsIn(['auto', 'json', 'pretty'])
  LOG_FORMAT: 'auto' | 'json' | 'pretty' = 'auto';

  /** `manual` (completed through the internal API) or `stripe` (Checkout; needs the two STRIPE_ keys). */
  @IsIn(['manual', 'stripe'])
  PAYMENT_PROVIDER: 'manual' | 'stripe' = 'manual';

  @IsOptional() @IsString() STRIPE_SECRET_KEY?: string;
  @IsOptional() @IsString() STRIPE_WEBHOOK_SECRET?: string;

  /** Key of the HMAC that stores signature codes: a leaked table must not reveal 6-digit codes. Required. */
  @IsOptional() @IsString() @MinLength(32, { message: 'OTP_SECRET must be at least 32 characters' })
  OTP_SECRET?: string;

  /** Ed25519 private key (PEM, or base64 of it) sealing signature proofs; its public key is at /api/signatures/proof-keys. Required. */
  @IsOptional() @IsString() PROOF_SIGNING_KEY?: string;

  /** RSA private key and certificate chain (PEM, or base64 of it) sealing signed PDFs (PAdES). Required. */
  @IsOptional() @IsString() PDF_SEAL_KEY?: string;
  @IsOptional() @IsString() PDF_SEAL_CERTIFICATE?: string;

  /** How long a signature workflow stays open. */
  @Type(() => Number) @IsInt() @Min(1) @Max(90)
  SIGNATURE_TTL_DAYS = 14;

  /**
   * Where people reach this API from outside, as `https://host[:port]` (no path): signing links
   * sent to signers are `<PUBLIC_BASE_URL>/sign/<token>`. Unset: http://localhost:<PORT> outside
   * production; in production signing links are refused (422) until it is set, rather than mailing
   * links to the wrong host.
   */
  @IsOptional() @Matches(/^https?:\/\/[^/?#\s]+$/, { message: 'PUBLIC_BASE_URL must be an origin such as https://app.example.fr (no path, no trailing slash)' })
  PUBLIC_BASE_URL?: string;

  /**
   * Every answer to a signing-link request (`/sign/{token}`…) takes at least this long, whatever
   * the token: an unknown, expired or used token cannot be told apart by its timing.
   */
  @Type(() => Number) @IsInt() @Min(0) @Max(5_000)
  SIGNING_LINK_MIN_RESPONSE_MS = 250;

  /** Requests per signing link per minute (page, PDF, code, validation); more: 429. */
  @Type(() => Number) @IsInt() @Min(1) @Max(1_000_000)
  SIGNING_LINK_REQUESTS_PER_MINUTE = 30;

  /** Signing-link requests per client IP per minute, whatever the token (guessing costs): more: 429. */
  @Type(() => Number) @IsInt() @Min(1) @Max(1_000_000)
  SIGNING_PAGE_REQUESTS_PER_MINUTE_PER_IP = 60;

  /** smtp(s)://user:pass@host:port: codes go out by email. Unset: the built-in outbox (internal API). */
  @IsOptional() @Matches(/^smtps?:\/\/.+/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @IsString()
  SMTP_FROM = 'FairePlace <no-reply@faireplace.example>';

  /**
   * Art. 15 III, loi n° 89-462: a lessee over 65 whose yearly resources are below this ceiling (the
   * social-housing ceiling, set each year by arrêté) cannot be given notice without a rehousing
   * offer. Euros per year; set it to the ceiling in force where your properties are.
   */
  @Type(() => Number) @IsInt() @Min(0) @Max(1_000_000)
  PROTECTED_LESSEE_INCOME_CEILING = 24_000;

  /**
   * Credits: `credits.balance_low` is emitted when a consumption takes a balance from this value
   * or more to below it (once per crossing, not on every later consumption).
   */
  @Type(() => Number) @IsInt() @Min(1) @Max(1_000_000)
  CREDITS_LOW_BALANCE_THRESHOLD = 3;

  /**
   * Key (32 bytes: 64 hex characters, or base64/base64url) that encrypts webhook signing secrets at
   * rest (AES-256-GCM). They must be readable to sign, so they cannot be only hashed; a stolen
   * table without this key reveals none. Required (`npm run secrets:generate` makes one; the
   * embedded demo keeps its own in its data folder). Changing it makes every stored secret
   * unreadable: rotate each endpoint's secret afterwards.
   */
  @IsOptional() @IsString()
  WEBHOOK_SECRET_KEY?: string;

  /**
   * Development and tests only: webhook endpoints may use http and resolve to private, loopback or
   * link-local addresses (otherwise only https URLs whose every address is public, checked at
   * creation and again at each send). Refused with NODE_ENV=production.
   */
  @IsOptional() @Transform(toBoolean) @IsBoolean()
  WEBHOOK_ALLOW_PRIVATE_URLS = false;

  /** Webhook deliveries one process sends at the same time (each waits at most 10 s for its receiver). */
  @Type(() => Number) @IsInt() @Min(1) @Max(64)
  WEBHOOK_DELIVERY_CONCURRENCY = 8;

  /** Requests per hour per tenant, unless the tenant has its own limit (tenants.rate_limit_per_hour). */
  @Type(() => Number) @IsInt() @Min(1) @Max(1_000_000_000)
  RATE_LIMIT_PER_HOUR = 1000;

  /** redis://...: rate limits shared by every instance. Unset: counted in each instance's memory. */
  @IsOptional() @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be a redis:// URL' })
  REDIS_URL?: string;

  /** Whether this process runs background jobs (workers and recurring sweeps). Default: on, except in tests. */
  @IsOptional() @Transform(toBoolean) @IsBoolean()
  JOBS_WORKERS: boolean;

  /** Connections of the job workers' own pool (kept apart from the request pool). */
  @Type(() => Number) @IsInt() @Min(1) @Max(20)
  JOBS_POOL_SIZE = 2;

  /** How often an idle worker looks for new jobs. */
  @Type(() => Number) @Min(0.5) @Max(60)
  JOBS_POLL_INTERVAL_SECONDS = 2;

  /**
   * How often the job queue's maintenance runs (one instance at a time): it fails jobs whose
   * worker died past their expiry, so they are retried elsewhere; it also archives old jobs.
   */
  @Type(() => Number) @IsInt() @Min(1) @Max(3600)
  JOBS_MAINTENANCE_INTERVAL_SECONDS = 120;

  /** Retention (the hourly `retention.purge` job): hours an idempotency record is kept past its 24 h expiry. */
  @Type(() => Number) @IsInt() @Min(0) @Max(8760)
  IDEMPOTENCY_RETENTION_HOURS = 24;

  /** Days a delivered outbox message is kept after its delivery (undelivered ones are never purged). */
  @Type(() => Number) @IsInt() @Min(1) @Max(3650)
  OUTBOX_RETENTION_DAYS = 30;

  /** Days a finished webhook delivery (succeeded or failed) is kept; its event goes after 30 days anyway. */
  @Type(() => Number) @IsInt() @Min(1) @Max(30)
  WEBHOOK_DELIVERY_RETENTION_DAYS = 14;

  /** Days a tenant export archive can be downloaded; past it the hourly purge deletes it and the export is EXPIRED. */
  @Type(() => Number) @IsInt() @Min(1) @Max(365)
  EXPORT_RETENTION_DAYS = 7;

  /** Rows per statement of the retention purge and of the tenant erasure: each batch is its own short transaction. */
  @Type(() => Number) @IsInt() @Min(1) @Max(10000)
  DATA_BATCH_SIZE = 500;
  /** Records every keyed request in the tenant's request log (GET /api/requests); written in batches, off the request path. */
  @IsOptional() @Transform(toBoolean) @IsBoolean()
  REQUEST_LOG_ENABLED = true;

  /** Days the request log is kept: daily partitions older than this are dropped by the hourly maintenance job. */
  @Type(() => Number) @IsInt() @Min(1) @Max(3650)
  REQUEST_LOG_RETENTION_DAYS = 30;

  /** How often the request log's buffer is written (sooner when it holds a full batch). */
  @Type(() => Number) @IsInt() @Min(50) @Max(60_000)
  REQUEST_LOG_FLUSH_INTERVAL_MS = 1_000;

  /**
   * Test builds only: repositories drop their explicit `tenant_id` filter, so a test can prove that
   * row-level security alone keeps tenants apart. Refused outside NODE_ENV=test.
   */
  @IsOptional() @Transform(toBoolean) @IsBoolean()
  TEST_RLS_ONLY = false;

  /**
   * Benchmark only: skip the tenant transaction and run as the table owner, to measure what
   * isolation costs. Refused outside NODE_ENV=bench.
   */
  @IsOptional() @Transform(toBoolean) @IsBoolean()
  BENCH_BYPASS_TENANCY = false;

  /**
   * Benchmark only (`npm run bench:audit`): the audit trail records nothing, to measure what it
   * costs against the same build. Refused outside NODE_ENV=bench: auditing is never off in service.
   */
  @IsOptional() @Transform(toBoolean) @IsBoolean()
  BENCH_AUDIT_OFF = false;
}

/** For the processes we start (API, CLI): a `.env` file, if present, under the real environment. */
export function loadConfigWithDotEnv(file = '.env'): AppConfig {
  if (existsSync(file)) process.loadEnvFile(file);
  return loadConfig(process.env);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const defined = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const config = plainToInstance(AppConfig, defined, { exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: true, forbidUnknownValues: true });
  if (errors.length > 0) {
    const lines = errors.flatMap((error) => Object.values(error.constraints ?? {}));
    throw new Error(`Invalid configuration:\n  - ${lines.join('\n  - ')}`);
  }
  if (config.PAYMENT_PROVIDER === 'stripe' && (!config.STRIPE_SECRET_KEY || !config.STRIPE_WEBHOOK_SECRET)) {
    throw new Error('Invalid configuration:\n  - PAYMENT_PROVIDER=stripe needs STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET');
  }
  if (config.STORAGE_DRIVER === 's3' && !config.S3_BUCKET) {
    throw new Error('Invalid configuration:\n  - STORAGE_DRIVER=s3 needs S3_BUCKET');
  }
  if (config.NODE_ENV !== 'production') config.PUBLIC_BASE_URL ??= `http://localhost:${config.PORT}`;
  config.JOBS_WORKERS ??= config.NODE_ENV !== 'test' && !config.BENCH_BYPASS_TENANCY;
  if (config.TEST_RLS_ONLY && config.NODE_ENV !== 'test') {
    throw new Error('Invalid configuration:\n  - TEST_RLS_ONLY is only allowed with NODE_ENV=test');
  }
  if (config.WEBHOOK_ALLOW_PRIVATE_URLS && config.NODE_ENV === 'production') {
    throw new Error('Invalid configuration:\n  - WEBHOOK_ALLOW_PRIVATE_URLS is refused with NODE_ENV=production (webhooks could reach internal addresses)');
  }
  if (config.BENCH_AUDIT_OFF && config.NODE_ENV !== 'bench') {
    throw new Error('Invalid configuration:\n  - BENCH_AUDIT_OFF is only allowed with NODE_ENV=bench');
  }
  if (config.BENCH_BYPASS_TENANCY && config.NODE_ENV !== 'bench') {
    throw new Error('Invalid configuration:\n  - BENCH_BYPASS_TENANCY is only allowed with NODE_ENV=bench');
  }
  return config;
}
