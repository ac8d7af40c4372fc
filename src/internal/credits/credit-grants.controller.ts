import { Body, Controller, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsInt, IsString, Length, Max, Min } from 'class-validator';
import { RuleViolationError } from '../../core/errors/domain-errors.js';
import { CreatedAt } from '../../core/http/location.interceptor.js';
import { ApiErrors } from '../../core/swagger/api-docs.decorators.js';
import { TenantContext } from '../../core/tenancy/tenant-context.js';
import { UuidParam } from '../../core/validation/validation.js';
import { CreditLedger } from '../../modules/credits/credit-ledger.service.js';
import { CreditTransaction } from '../../modules/credits/credit.entities.js';
import { InternalApi, ReachesSandbox } from '../internal-token.guard.js';

export class GrantCreditsDto {
  @ApiProperty({ example: 20, minimum: 1, maximum: 1000 }) @IsInt() @Min(1) @Max(1000) credits: number;
  @ApiProperty({ example: 'integration tests', description: 'Why, kept in the ledger reference' }) @IsString() @Length(1, 200) reason: string;
}

/** Play credits for the sandbox: live credits are only ever bought (a payment), never granted. */
@ApiTags('internal: credits')
@InternalApi()
@ReachesSandbox()
@Controller('internal/tenants/:tenant_id/credits/grants')
export class CreditGrantsController {
  constructor(
    private readonly ledger: CreditLedger,
    private readonly context: TenantContext,
  ) {}

  @Post()
  @CreatedAt(() => '/api/credits/transactions') // ledger entries are read in the ledger
  @ApiOperation({ summary: 'Grant play credits to the sandbox (?environment=sandbox)', description: 'An `adjustment` in the sandbox ledger. On the live tenant: 422 RULE_VIOLATION.' })
  @ApiCreatedResponse({ type: CreditTransaction })
  @ApiErrors(400, 401, 404, 422)
  grant(@UuidParam('tenant_id') _tenantId: string, @Body() body: GrantCreditsDto): Promise<CreditTransaction> {
    if (!this.context.sandbox) throw new RuleViolationError('Credits are granted in the sandbox only (?environment=sandbox); live credits are bought');
    return this.ledger.credit(body.credits, 'adjustment', `grant:${body.reason}`);
  }
}
