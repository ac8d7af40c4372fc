import { Global, Module } from '@nestjs/common';
import { Jobs } from './jobs.js';
import { PausedTenants } from './paused-tenants.js';

@Global()
@Module({ providers: [Jobs, PausedTenants], exports: [Jobs, PausedTenants] })
export class JobsModule {}
