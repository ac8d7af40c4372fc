import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermissions } from '../../core/auth/auth.decorators.js';
import { ApiErrors } from '../../core/swagger/api-docs.decorators.js';
import { WearGrids } from '../leases/wear-grids.service.js';
import { WearGridDto } from './dto/wear-grid.dto.js';

/** The organisation's wear (vétusté) grid: the template copied into each lease when it is signed. */
@ApiTags('condition reports')
@Controller('api/wear-grid')
export class WearGridController {
  constructor(private readonly wearGrids: WearGrids) {}

  @Get()
  @RequirePermissions('leases:read')
  @ApiOperation({ summary: 'The organisation\'s wear grid (the default one until replaced)' })
  @ApiOkResponse({ type: WearGridDto })
  @ApiErrors(400)
  async get(): Promise<WearGridDto> {
    return { items: await this.wearGrids.template() };
  }

  @Put()
  @RequirePermissions('leases:write')
  @ApiOperation({
    summary: 'Replace the wear grid',
    description: 'One line per item kind (each at most once): `neutral_years` < `lifetime_years`, `residual_percent` 0–100. Applies to leases signed from now on: a signed lease keeps the grid copied into it.',
  })
  @ApiOkResponse({ type: WearGridDto })
  @ApiErrors(400, 413, 415)
  async replace(@Body() body: WearGridDto): Promise<WearGridDto> {
    return { items: await this.wearGrids.replace(body.items) };
  }
}
