import { Body, Controller, createParamDecorator, type ExecutionContext, Get, HttpCode, Post, SetMetadata, StreamableFile } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { isUUID } from 'class-validator';
import type { Request } from 'express';
import { RequirePermissions } from '../../core/auth/auth.decorators.js';
import { ValidationFailedError } from '../../core/errors/domain-errors.js';
import { CreatedAt } from '../../core/http/location.interceptor.js';
import { ApiErrors } from '../../core/swagger/api-docs.decorators.js';
import { WithoutTenantTransaction } from '../../core/tenancy/tenant-transaction.interceptor.js';
import { Client, type ClientInfo, InitiateSignatureDto, OtpSentDto, ValidateOtpDto } from './dto/signature.dto.js';
import type { Proof } from './proof/proof-chain.js';
import { SignatureProofs } from './proof/signature-proof.service.js';
import type { SignableKind, SignatureSubject } from './signable.js';
import { SignatureOtp } from './signature-otp.service.js';
import { SignatureWorkflow } from './signature-workflow.service.js';
import { Signature } from './signature.entities.js';

const SIGNED_DOCUMENT = 'signatures:subject';
/** Where a kind's routes find the document's id (`id` is always the lease). */
const SUBJECT_PARAMS: Record<SignableKind, string> = { lease: 'id', amendment: 'amendment_id', condition_report: 'report_id' };

/** The signature routes of one kind of document, on a controller of its own path. */
const SignsDocuments = (kind: SignableKind) => SetMetadata(SIGNED_DOCUMENT, kind);

/** The document the route names, from the path: the lease, and the amendment or report under it. */
const Subject = createParamDecorator((_data: unknown, execution: ExecutionContext): SignatureSubject => {
  const kind = Reflect.getMetadata(SIGNED_DOCUMENT, execution.getClass()) as SignableKind;
  const params = execution.switchToHttp().getRequest<Request>().params;
  for (const name of new Set(['id', SUBJECT_PARAMS[kind]])) {
    if (typeof params[name] !== 'string' || !isUUID(params[name])) throw ValidationFailedError.field(name, `${name} must be a UUID`);
  }
  return { kind, leaseId: params.id as string, subjectId: params[SUBJECT_PARAMS[kind]] as string };
});

/** A path parameter that must be a UUID (400 otherwise), read without a pipe (base-class routes). */
const UuidOf = createParamDecorator((name: string, execution: ExecutionContext): string => {
  const value = execution.switchToHttp().getRequest<Request>().params[name];
  if (typeof value !== 'string' || !isUUID(value)) throw ValidationFailedError.field(name, `${name} must be a UUID`);
  return value;
});

/** Where a workflow is read back, for the Location of its creation. */
export function signaturePath(signature: Pick<Signature, 'lease_id' | 'subject_kind' | 'subject_id'>): string {
  const lease = `/api/leases/${signature.lease_id}`;
  if (signature.subject_kind === 'amendment') return `${lease}/amendments/${signature.subject_id}/signature`;
  if (signature.subject_kind === 'condition_report') return `${lease}/condition-reports/${signature.subject_id}/signature`;
  return `${lease}/signature`;
}

/**
 * The one signature workflow's routes, the same for every signable document (SPEC section 6):
 * each kind mounts them under its own path (below), none copies them.
 */
abstract class SignatureRoutes {
  constructor(
    private readonly workflow: SignatureWorkflow,
    private readonly otp: SignatureOtp,
    private readonly proofs: SignatureProofs,
  ) {}

  @Post('initiate')
  @RequirePermissions('signatures:write')
  @CreatedAt((signature) => signaturePath(signature as unknown as Signature))
  @ApiOperation({
    summary: 'Start signing the document',
    description: 'Costs 1 credit for a lease or an amendment, none for a condition report: debited now (422 INSUFFICIENT_CREDITS), refunded if cancelled or expired. One open signature per document (409). Signers sign in order, owner or agent first. A lease must be DRAFT (it becomes PENDING_SIGNATURE) or ACTIVE and names its lease PDF in `document_id`; an amendment or a report signs its latest PDF.',
  })
  @ApiCreatedResponse({ type: Signature })
  @ApiErrors(400, 404, 409, 413, 415, 422)
  initiate(@Subject() subject: SignatureSubject, @Body() body: InitiateSignatureDto, @Client() client: ClientInfo): Promise<Signature> {
    return this.workflow.initiate(subject, body, client);
  }

  @Get()
  @RequirePermissions('signatures:read')
  @ApiOperation({ summary: 'The document\'s latest signature and its signers' })
  @ApiOkResponse({ type: Signature })
  @ApiErrors(400, 404)
  current(@Subject() subject: SignatureSubject): Promise<Signature> {
    return this.workflow.current(subject);
  }

  @Post('signers/:signer_id/otp')
  @HttpCode(200)
  @RequirePermissions('signatures:write')
  @WithoutTenantTransaction()
  @ApiOperation({ summary: 'Send a 6-digit code to the signer whose turn it is', description: 'Valid 5 minutes; a new code replaces the old; at most one every 60 s (429 with Retry-After) and 5 in all (then the signer is locked). The code is never in the response.' })
  @ApiOkResponse({ type: OtpSentDto })
  @ApiErrors(400, 404, 409, 422, 429)
  sendOtp(@Subject() subject: SignatureSubject, @UuidOf('signer_id') signerId: string, @Client() client: ClientInfo): Promise<OtpSentDto> {
    return this.otp.send(subject, signerId, client);
  }

  @Post('signers/:signer_id/validate')
  @HttpCode(200)
  @RequirePermissions('signatures:write')
  @WithoutTenantTransaction()
  @ApiOperation({
    summary: 'Validate the signer\'s code: the signer signs',
    description: 'Wrong: 422 OTP_INVALID with `details.attempts_remaining` (3 wrong codes in all, whatever the number sent); expired: 422 OTP_EXPIRED; the third wrong code: 429 OTP_LOCKED. The last signer completes the signature (signed and sealed PDF, proof, the document\'s effect). Sandbox keys also accept 000000, recorded as such.',
  })
  @ApiOkResponse({ type: Signature })
  @ApiErrors(400, 404, 409, 422, 429)
  validate(@Subject() subject: SignatureSubject, @UuidOf('signer_id') signerId: string, @Body() body: ValidateOtpDto, @Client() client: ClientInfo): Promise<Signature> {
    return this.otp.validate(subject, signerId, body.otp, client);
  }

  @Post('cancel')
  @HttpCode(200)
  @RequirePermissions('signatures:write')
  @WithoutTenantTransaction()
  @ApiOperation({ summary: 'Cancel the open signature', description: 'Refunds its credit; the document goes back to its state before signing.' })
  @ApiOkResponse({ type: Signature })
  @ApiErrors(400, 404, 409, 422)
  cancel(@Subject() subject: SignatureSubject, @Client() client: ClientInfo): Promise<Signature> {
    return this.workflow.run(() => this.workflow.cancel(subject, client));
  }

  @Get('document')
  @RequirePermissions('signatures:read')
  @ApiOperation({ summary: 'Download the signed PDF (the document + a signature certificate page, sealed by the platform)' })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  @ApiErrors(400, 404, 409)
  document(@Subject() subject: SignatureSubject): Promise<StreamableFile> {
    return this.proofs.signedDocument(subject);
  }

  @Get('proof')
  @RequirePermissions('signatures:read')
  @ApiOperation({
    summary: 'The proof: document hashes and the hash-chained audit events, sealed by the platform',
    description: 'Each event carries `hash = sha256(previous_hash + canonical event)`; `seal` is the platform\'s Ed25519 signature of the last hash (keys at GET /api/signatures/proof-keys). Verify offline with `npm run proof:verify -- proof.json --keys <keys>`.',
  })
  @ApiOkResponse({ schema: { type: 'object', additionalProperties: true } })
  @ApiErrors(400, 404)
  proof(@Subject() subject: SignatureSubject): Promise<Proof> {
    return this.proofs.proof(subject);
  }
}

@ApiTags('signatures')
@SignsDocuments('lease')
@Controller('api/leases/:id/signature')
export class LeaseSignaturesController extends SignatureRoutes {
  constructor(workflow: SignatureWorkflow, otp: SignatureOtp, proofs: SignatureProofs) {
    super(workflow, otp, proofs);
  }
}

@ApiTags('signatures')
@SignsDocuments('amendment')
@Controller('api/leases/:id/amendments/:amendment_id/signature')
export class AmendmentSignaturesController extends SignatureRoutes {
  constructor(workflow: SignatureWorkflow, otp: SignatureOtp, proofs: SignatureProofs) {
    super(workflow, otp, proofs);
  }
}

@ApiTags('signatures')
@SignsDocuments('condition_report')
@Controller('api/leases/:id/condition-reports/:report_id/signature')
export class ConditionReportSignaturesController extends SignatureRoutes {
  constructor(workflow: SignatureWorkflow, otp: SignatureOtp, proofs: SignatureProofs) {
    super(workflow, otp, proofs);
  }
}
