import { Body, Controller, Delete, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermissions } from '../../core/auth/auth.decorators.js';
import type { Page } from '../../core/pagination/page.js';
import { ApiErrors, ApiPage } from '../../core/swagger/api-docs.decorators.js';
import { UuidParam } from '../../core/validation/validation.js';
import { CreateWebhookEndpointDto, ListDeliveriesQueryDto, ListWebhookEndpointsQueryDto, UpdateWebhookEndpointDto } from './dto/webhook-endpoint.dto.js';
import { WebhookDelivery } from './webhook-delivery.entity.js';
import { WebhookEndpoint, WebhookEndpointWithSecret } from './webhook-endpoint.entity.js';
import { WebhookEndpointsService } from './webhook-endpoints.service.js';

const SIGNING = 'Each delivery is a POST of `{id, type, created_at, data}` signed in `FairePlace-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret, t + "." + body)>` (docs/webhooks.md).';

@ApiTags('webhooks')
@Controller('api/webhook-endpoints')
export class WebhookEndpointsController {
  constructor(private readonly endpoints: WebhookEndpointsService) {}

  @Get()
  @RequirePermissions('webhooks:read')
  @ApiOperation({ summary: 'List webhook endpoints', description: 'Of the key\'s data space: the sandbox has its own.' })
  @ApiPage(WebhookEndpoint)
  @ApiErrors(400)
  list(@Query() query: ListWebhookEndpointsQueryDto): Promise<Page<WebhookEndpoint>> {
    return this.endpoints.list(query);
  }

  @Post()
  @RequirePermissions('webhooks:write')
  @ApiOperation({
    summary: 'Create a webhook endpoint',
    description: `The answer is the only one that shows the signing secret (\`secret\`): store it. The URL must be https and its host resolve to public addresses only (422 otherwise); at most 16 endpoints. ${SIGNING}`,
  })
  @ApiCreatedResponse({ type: WebhookEndpointWithSecret, description: 'Created; `Location` points at it. Replayed for an `Idempotency-Key`, it comes without `secret` (never stored in the clear)' })
  @ApiErrors(400, 413, 415, 422)
  create(@Body() body: CreateWebhookEndpointDto): Promise<WebhookEndpoint> {
    return this.endpoints.create(body);
  }

  @Get(':id')
  @RequirePermissions('webhooks:read')
  @ApiOperation({ summary: 'Get a webhook endpoint (never its secret)' })
  @ApiOkResponse({ type: WebhookEndpoint })
  @ApiErrors(400, 404)
  get(@UuidParam() id: string): Promise<WebhookEndpoint> {
    return this.endpoints.get(id);
  }

  @Put(':id')
  @RequirePermissions('webhooks:write')
  @ApiOperation({
    summary: 'Update a webhook endpoint (partial; PATCH is a synonym)',
    description: 'Absent fields keep their value, `null` clears `description`. `enabled: true` re-enables an endpoint FairePlace disabled; a new URL is checked like at creation.',
  })
  @ApiOkResponse({ type: WebhookEndpoint })
  @ApiErrors(400, 404, 413, 415, 422)
  update(@UuidParam() id: string, @Body() body: UpdateWebhookEndpointDto): Promise<WebhookEndpoint> {
    return this.endpoints.update(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermissions('webhooks:write')
  @ApiOperation({ summary: 'Delete a webhook endpoint', description: 'With its deliveries: those still pending are never sent.' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(400, 404)
  async delete(@UuidParam() id: string): Promise<void> {
    await this.endpoints.delete(id);
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @RequirePermissions('webhooks:write')
  @ApiOperation({ summary: 'Rotate the signing secret', description: 'Answers the new secret, once. For 24 hours deliveries carry two `v1` signatures: the new secret\'s, then the old one\'s.' })
  @ApiOkResponse({ type: WebhookEndpointWithSecret, description: 'Replayed for an `Idempotency-Key`, it comes without `secret`' })
  @ApiErrors(400, 404)
  rotateSecret(@UuidParam() id: string): Promise<WebhookEndpoint> {
    return this.endpoints.rotateSecret(id);
  }

  @Post(':id/test')
  @HttpCode(202)
  @RequirePermissions('webhooks:write')
  @ApiOperation({ summary: 'Send a test event', description: 'A `ping` event (its data: this endpoint), delivered to this endpoint only, in the background: follow it in the deliveries.' })
  @ApiAcceptedResponse({ type: WebhookDelivery, description: 'The delivery, PENDING' })
  @ApiErrors(400, 404, 422)
  test(@UuidParam() id: string): Promise<WebhookDelivery> {
    return this.endpoints.test(id);
  }

  @Get(':id/deliveries')
  @RequirePermissions('webhooks:read')
  @ApiOperation({ summary: 'List the endpoint\'s deliveries', description: 'Newest first: attempts, last status code and latency, last error, next retry.' })
  @ApiPage(WebhookDelivery)
  @ApiErrors(400, 404)
  deliveries(@UuidParam() id: string, @Query() query: ListDeliveriesQueryDto): Promise<Page<WebhookDelivery>> {
    return this.endpoints.listDeliveries(id, query);
  }

  @Post(':id/deliveries/:delivery_id/retry')
  @HttpCode(202)
  @RequirePermissions('webhooks:write')
  @ApiOperation({ summary: 'Send a delivery again now', description: 'Whatever its state (a failed one, or one that succeeded); 409 while a worker is sending it; 422 when the endpoint is disabled.' })
  @ApiAcceptedResponse({ type: WebhookDelivery, description: 'The delivery, PENDING and due now' })
  @ApiErrors(400, 404, 409, 422)
  retry(@UuidParam() id: string, @UuidParam('delivery_id') deliveryId: string): Promise<WebhookDelivery> {
    return this.endpoints.retryDelivery(id, deliveryId);
  }
}
