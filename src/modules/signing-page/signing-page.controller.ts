import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res, StreamableFile, UseInterceptors } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../../core/auth/auth.decorators.js';
import { DomainError, RouteNotFoundError } from '../../core/errors/domain-errors.js';
import { ApiErrors } from '../../core/swagger/api-docs.decorators.js';
import { Client, type ClientInfo, ValidateOtpDto } from '../signatures/dto/signature.dto.js';
import { SigningCodeSentDto, SigningDoneDto } from './dto/signing-page.dto.js';
import { negotiateLanguage } from './html/language.js';
import { renderGenericPage, renderSignerPage, renderTooManyPage } from './html/pages.js';
import { SigningLinkUnavailableError } from './signing-access.js';
import { SigningAssets } from './signing-assets.js';
import { SigningPageHeaders } from './signing-page.headers.js';
import { SigningPages } from './signing-pages.service.js';

const TOKEN = ApiParam({ name: 'token', description: 'The signing link\'s token: 43 characters (base64url), from the signer\'s `signing_url`' });

/**
 * Hosted signing pages (SPEC section 2): no API key, the token in the path is the credential.
 * The page is HTML (the one exception to the JSON error envelope: an unusable token gets the
 * generic HTML page, 404); its actions answer JSON in the envelope.
 */
@ApiTags('signing pages')
@Public()
@UseInterceptors(SigningPageHeaders)
@Controller('sign')
export class SigningPageController {
  constructor(
    private readonly pages: SigningPages,
    private readonly assets: SigningAssets,
  ) {}

  /** The page's script, stylesheet and pdf.js, from our own origin. */
  @Get('assets/:name')
  @ApiExcludeEndpoint()
  asset(@Param('name') name: string, @Res({ passthrough: true }) response: Response): StreamableFile {
    const asset = this.assets.get(name);
    if (!asset) throw new RouteNotFoundError();
    response.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    return new StreamableFile(asset.body, { type: asset.type, length: asset.body.length });
  }

  /** The signer's page (HTML), French by default, English by `?lang=en` or Accept-Language. */
  @Get(':token')
  @ApiExcludeEndpoint()
  async page(
    @Param('token') token: string,
    @Query('lang') lang: unknown,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @Client() client: ClientInfo,
    @Res() response: Response,
  ): Promise<void> {
    const language = negotiateLanguage(lang, acceptLanguage);
    response.setHeader('Content-Language', language);
    response.setHeader('Vary', 'Accept-Language');
    response.type('html');
    try {
      response.status(200).send(renderSignerPage(await this.pages.view(token, client), language, this.assets));
    } catch (error) {
      if (error instanceof SigningLinkUnavailableError) {
        response.status(404).send(renderGenericPage(language, this.assets));
      } else if (error instanceof DomainError && error.status === 429) {
        response.setHeader('Retry-After', String(error.details.retry_after));
        response.status(429).send(renderTooManyPage(language, this.assets));
      } else {
        throw error;
      }
    }
  }

  /** The PDF being signed, for the page's viewer and its download link. */
  @Get(':token/document')
  @ApiExcludeEndpoint()
  document(@Param('token') token: string, @Client() client: ClientInfo): Promise<StreamableFile> {
    return this.pages.document(token, client);
  }

  @Post(':token/otp')
  @HttpCode(200)
  @TOKEN
  @ApiOperation({
    summary: 'Hosted signing page: send the signer a 6-digit code (no API key: the token is the credential)',
    description: 'The page `GET /sign/{token}` (HTML) calls this. Same rules as `POST …/signature/signers/{signer_id}/otp`: only when it is this signer\'s turn (422 INVALID_TRANSITION), one code every 60 s (429 RATE_LIMITED), valid 5 minutes, 5 in all; recorded in the proof with `via: signing_page`. An unknown, expired or used token: 404, the same answer for all. Limited per token and per IP (429 RATE_LIMITED, `details.limit: signing_link`).',
  })
  @ApiOkResponse({ type: SigningCodeSentDto })
  @ApiErrors(404, 422, 429)
  sendCode(@Param('token') token: string, @Client() client: ClientInfo): Promise<SigningCodeSentDto> {
    return this.pages.sendCode(token, client);
  }

  @Post(':token/validate')
  @HttpCode(200)
  @TOKEN
  @ApiOperation({
    summary: 'Hosted signing page: validate the code, the signer signs',
    description: 'Same rules as `POST …/signature/signers/{signer_id}/validate`: wrong: 422 OTP_INVALID with `details.attempts_remaining`; expired: 422 OTP_EXPIRED; the third wrong code: 429 OTP_LOCKED (the link stops working). The last signer completes the signature. In the sandbox the code 000000 is accepted, recorded as such; never in live. An unknown, expired or used token: 404, the same answer for all.',
  })
  @ApiOkResponse({ type: SigningDoneDto })
  @ApiErrors(400, 404, 422, 429)
  validate(@Param('token') token: string, @Body() body: ValidateOtpDto, @Client() client: ClientInfo): Promise<SigningDoneDto> {
    return this.pages.sign(token, body.otp, client);
  }
}
