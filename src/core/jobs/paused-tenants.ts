import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JOBS_DATA_SOURCE } from '../../database/tokens.js';

/** How long one answer is reused: a reactivated tenant's work resumes within this. */
const FRESH_FOR_MS = 1_000;

/**
 * The data spaces whose background work is paused: suspended tenants and their sandbox twins
 * (one SECURITY DEFINER function, ids only). Read at most once a second, however many jobs run.
 */
@Injectable()
export class PausedTenants {
  private known?: { ids: ReadonlySet<string>; until: number };
  private reading?: Promise<ReadonlySet<string>>;

  constructor(@Inject(JOBS_DATA_SOURCE) private readonly dataSource: DataSource) {}

  async current(now = Date.now()): Promise<ReadonlySet<string>> {
    if (this.known && this.known.until > now) return this.known.ids;
    this.reading ??= this.read().finally(() => (this.reading = undefined));
    return this.reading;
  }

  async has(tenantId: string): Promise<boolean> {
    return (await this.current()).has(tenantId);
  }

  /** Forget the last answer (a suspension changed in this process). */
  forget(): void {
    this.known = undefined;
  }

  private async read(): Promise<ReadonlySet<string>> {
    const rows: { tenant_id: string }[] = await this.dataSource.query('SELECT tenant_id FROM app.suspended_data_spaces()');
    const ids = new Set(rows.map((row) => row.tenant_id));
    this.known = { ids, until: Date.now() + FRESH_FOR_MS };
    return ids;
  }
}
