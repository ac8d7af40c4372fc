import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsEmail, IsIn, IsOptional, IsString, IsUUID, Length, Matches, ValidateIf, ValidateNested } from 'class-validator';
import type { Request } from 'express';
import { PHONE } from '../../../core/validation/fields.js';
import { SIGNER_TYPES, type SignerType } from '../signature.entities.js';

export class SignerInputDto {
  @ApiProperty({ enum: SIGNER_TYPES }) @IsIn(SIGNER_TYPES) type: SignerType;
  @ApiProperty({ example: 'Claire Dubois' }) @IsString() @Length(1, 200) name: string;
  @ApiPropertyOptional({ example: 'claire@example.fr', description: 'Codes go by email when given, else by SMS' })
  @ValidateIf((signer: SignerInputDto) => signer.email !== undefined || signer.phone === undefined)
  @IsEmail()
  email?: string;
  @ApiPropertyOptional({ example: '+33612345678' })
  @ValidateIf((signer: SignerInputDto) => signer.phone !== undefined || signer.email === undefined)
  @IsString() @Matches(PHONE, { message: 'phone must be a phone number' })
  phone?: string;
}

export class InitiateSignatureDto {
  @ApiProperty({ format: 'uuid', description: 'A lease PDF of this lease (POST /leases/{id}/pdf)' }) @IsUUID() document_id: string;
  @ApiProperty({ type: [SignerInputDto], description: 'Signed in order, owner or agent first (reordered if needed); 1 to 10' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(10) @ValidateNested({ each: true }) @Type(() => SignerInputDto)
  signers: SignerInputDto[];

  @ApiPropertyOptional({
    default: false,
    description: 'Hosted signing pages: each signer gets a personal link `/sign/{token}` (by email or SMS, all at once, in signing order; a later signer\'s page waits for the previous ones), also returned once here as `signers[].signing_url`. The link expires with the signature and stops working once its signer has signed or is locked, or the signature ends. See docs/signing-page.md.',
  })
  @IsOptional() @IsBoolean()
  signing_links?: boolean;
}

export class ValidateOtpDto {
  @ApiProperty({ example: '482913', description: 'The 6-digit code the signer received' }) @IsString() @Matches(/^\d{6}$/, { message: 'otp must be 6 digits' }) otp: string;
}

export class OtpSentDto {
  @ApiProperty({ format: 'uuid' }) signer_id: string;
  @ApiProperty({ enum: ['email', 'sms'] }) channel: 'email' | 'sms';
  @ApiProperty({ example: 'c***@example.fr' }) contact: string;
  @ApiProperty() expires_at: Date;
  @ApiProperty({ description: 'No new code before this time' }) resend_available_at: Date;
}

/** Who is acting, for the audit trail. */
export interface ClientInfo {
  ip: string;
  user_agent: string;
  /** Set when the signer acted on the hosted signing page (recorded in the proof's events). */
  via?: 'signing_page';
}

export const Client = createParamDecorator((_data: unknown, execution: ExecutionContext): ClientInfo => {
  const request = execution.switchToHttp().getRequest<Request>();
  return { ip: request.ip ?? 'unknown', user_agent: (request.header('user-agent') ?? 'unknown').slice(0, 300) };
});
