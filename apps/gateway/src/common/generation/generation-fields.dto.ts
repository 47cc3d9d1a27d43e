import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { IsStringMap } from '../http/string-map.validator';

/** Fields shared by /bedrock/chat and /bedrock/chat/rag (API.md). */
export class GenerationFieldsDto {
  @IsOptional()
  @IsString()
  @Length(1, 2048)
  model?: string;

  /** Synonym of `model` (API.md). */
  @IsOptional()
  @IsString()
  @Length(1, 2048)
  model_name?: string;

  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  system_prompt?: string;

  /** Upper bound is the model's output limit, checked once the model is known. */
  @IsOptional()
  @IsInt()
  @Min(1)
  max_tokens?: number;

  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  temperature?: number;

  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  top_p?: number;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(4)
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  stop_sequences?: string[];

  @IsOptional()
  @IsInt()
  @Min(1000)
  @Max(300_000)
  timeout_ms?: number;

  @IsOptional()
  @IsStringMap(16)
  metadata?: Record<string, string>;
}
