import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsNumber,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { MAX_METADATA_KEYS, RESERVED_METADATA_PREFIX } from '../../governance/governance-route.constants';
import { IsStringMap } from '../http/string-map.validator';
import { Optional } from '../http/optional.validator';

/** Fields shared by /bedrock/chat and /bedrock/chat/rag (API.md). */
export class GenerationFieldsDto {
  @Optional()
  @IsString()
  @Length(1, 2048)
  model?: string;

  /** Synonym of `model` (API.md). */
  @Optional()
  @IsString()
  @Length(1, 2048)
  model_name?: string;

  @Optional()
  @IsString()
  @MaxLength(20_000)
  system_prompt?: string;

  /** Upper bound is the model's output limit, checked once the model is known. */
  @Optional()
  @IsInt()
  @Min(1)
  max_tokens?: number;

  @Optional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  temperature?: number;

  @Optional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  top_p?: number;

  @Optional()
  @IsArray()
  @ArrayMaxSize(4)
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  stop_sequences?: string[];

  @Optional()
  @IsInt()
  @Min(1000)
  @Max(300_000)
  timeout_ms?: number;

  @Optional()
  @IsStringMap(MAX_METADATA_KEYS, RESERVED_METADATA_PREFIX)
  metadata?: Record<string, string>;
}
