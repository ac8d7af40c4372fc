import { Body, Controller, Get, HttpCode, Post, StreamableFile } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { RequirePermissions } from '../../core/auth/auth.decorators.js';
import { CreatedAt } from '../../core/http/location.interceptor.js';
import { ApiErrors } from '../../core/swagger/api-docs.decorators.js';
import { WithoutTenantTransaction } from '../../core/tenancy/tenant-transaction.interceptor.js';
import { UuidParam } from '../../core/validation/validation.js';
import { Client, type ClientInfo, InitiateSignatureDto, OtpSentDto, ValidateOtpDto } from './dto/signature.dto.js';
import type { Proof } from './proof/proof-chain.js';
import { SignatureProofs } from './proof/signature-proof.service.js';
import { SignatureOtp } from './signature-otp.service.js';
import { SignatureWorkflow } from './signature-workflow.service.js';
import { Signature } from './signature.entities.js';

@ApiTags('signatures')
@Controller('api/leases/:id/signature')
export class SignaturesController {
  constructor(
    private readonly workflow: SignatureWorkflow,
    private readonly otp: SignatureOtp,
    private readonly proofs: SignatureProofs,
  ) {}

  @Post('initiate')
  @RequirePermissions('signatures:write')
  @CreatedAt((signature) => `/api/leases/${(signature as unknown as Signature).lease_id}/signature`)
  @ApiOperation({
    summary: 'Start signing a lease PDF',
    description: 'The lease must be DRAFT (it becomes PENDING_SIGNATURE) or ACTIVE, with a lease PDF; costs 1 credit, debited now (422 INSUFFICIENT_CREDITS) and refunded if cancelled or expired. One open signature per lease (409). Signers sign in order, owner or agent first.',
  })
  @ApiCreatedResponse({ type: Signature })
  @ApiErrors(400, 404, 409, 413, 415, 422)
  initiate(@UuidParam() leaseId: string, @Body() body: InitiateSignatureDto, @Client() client: ClientInfo): Promise<Signature> {
    return this.workflow.initiate(leaseId, body, client);
  }

  @Get()
  @RequirePermissions('signatures:read')
  @ApiOperation({ summary: 'The lease\'s latest signature and its signers' })
  @ApiOkResponse({ type: Signature })
  @ApiErrors(400, 404)
  current(@UuidParam() leaseId: string): Promise<Signature> {
    return this.workflow.current(leaseId);
  }

  @Post('signers/:signer_id/otp')
  @HttpCode(200)
  @RequirePermissions('signatures:write')
  @WithoutTenantTransaction()
  @ApiOperation({ summary: 'Send a 6-digit code to the signer whose turn it is', description: 'Valid 5 minutes; a new code replaces the old; at most one every 60 s (429 with Retry-After). The code is never in the response.' })
  @ApiOkResponse({ type: OtpSentDto })
  @ApiErrors(400, 404, 409, 422, 429)
  sendOtp(@UuidParam() leaseId: string, @UuidParam('signer_id') signerId: string, @Client() client: ClientInfo): Promise<OtpSentDto> {
    return this.otp.send(leaseId, signerId, client);
  }

  @Post('signers/:signer_id/validate')
  @HttpCode(200)
  @RequirePermissions('signatures:write')
  @WithoutTenantTransaction()
  @ApiOperation({
    summary: 'Validate the signer\'s code: the signer signs',
    description: 'Wrong: 422 OTP_INVALID with `details.attempts_remaining`; expired: 422 OTP_EXPIRED; third wrong code: 429 OTP_LOCKED. The last signer completes the signature (signed PDF, proof, lease ACTIVE). Sandbox keys also accept 000000.',
  })
  @ApiOkResponse({ type: Signature })
  @ApiErrors(400, 404, 409, 422, 429)
  validate(@UuidParam() leaseId: string, @UuidParam('signer_id') signerId: string, @Body() body: ValidateOtpDto, @Client() client: ClientInfo): Promise<Signature> {
    return this.otp.validate(leaseId, signerId, body.otp, client);
  }

  @Post('cancel')
  @HttpCode(200)
  @RequirePermissions('signatures:write')
  @WithoutTenantTransaction()
  @ApiOperation({ summary: 'Cancel the open signature', description: 'Refunds its credit; a PENDING_SIGNATURE lease goes back to DRAFT.' })
  @ApiOkResponse({ type: Signature })
  @ApiErrors(400, 404, 409, 422)
  cancel(@UuidParam() leaseId: string, @Client() client: ClientInfo): Promise<Signature> {
    return this.workflow.run(() => this.workflow.cancel(leaseId, client));
  }

  @Get('document')
  @RequirePermissions('signatures:read')
  @ApiOperation({ summary: 'Download the signed PDF (original + signature certificate page)' })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  @ApiErrors(400, 404, 409)
  document(@UuidParam() leaseId: string): Promise<StreamableFile> {
    return this.proofs.signedDocument(leaseId);
  }

  @Get('proof')
  @RequirePermissions('signatures:read')
  @ApiOperation({
    summary: 'The proof: document hashes and the hash-chained audit events',
    description: 'Each event carries `hash = sha256(previous_hash + canonical event)`; verify offline with `npm run proof:verify -- proof.json`.',
  })
  @ApiOkResponse({ schema: { type: 'object', additionalProperties: true } })
  @ApiErrors(400, 404)
  proof(@UuidParam() leaseId: string): Promise<Proof> {
    return this.proofs.proof(leaseId);
  }
}
