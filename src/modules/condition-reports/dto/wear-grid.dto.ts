import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsInt, Max, Min, ValidateBy, ValidateNested } from 'class-validator';
import { ITEM_KINDS } from '../condition-report.entity.js';

export class WearGridLineDto {
  @ApiProperty({ enum: ITEM_KINDS }) @IsIn(ITEM_KINDS) item_kind: string;
  @ApiProperty({ example: 8, minimum: 1, maximum: 100, description: 'Years it lasts' }) @IsInt() @Min(1) @Max(100) lifetime_years: number;
  @ApiProperty({ example: 2, minimum: 0, description: 'Years without wear (franchise): the tenant owes the whole repair; below lifetime_years' })
  @IsInt() @Min(0) @Max(99)
  @ValidateBy({
    name: 'belowLifetime',
    validator: {
      validate: (value: unknown, args) => typeof value === 'number' && value < (args?.object as WearGridLineDto).lifetime_years,
      defaultMessage: () => 'neutral_years must be less than lifetime_years',
    },
  })
  neutral_years: number;
  @ApiProperty({ example: 10, minimum: 0, maximum: 100, description: 'The least share of a repair the tenant owes, however old the item, percent' })
  @IsInt() @Min(0) @Max(100)
  residual_percent: number;
}

export class WearGridDto {
  @ApiProperty({ type: [WearGridLineDto], description: 'One line per item kind; a kind left out ages by the default grid\'s line' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(ITEM_KINDS.length) @ArrayUnique((line: WearGridLineDto) => line?.item_kind, { message: 'items must name each item_kind once' })
  @ValidateNested({ each: true }) @Type(() => WearGridLineDto)
  items: WearGridLineDto[];
}
