import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsStringMap } from '../../common/http/string-map.validator';
import { ChatMessageDto } from './chat-message.dto';

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

export class ChatRequestDto extends GenerationFieldsDto {
  /** A single user turn. Exactly one of `message` / `messages`. */
  @IsOptional()
  @IsString()
  @Length(1, 100_000)
  message?: string;

  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => ChatMessageDto)
  messages?: ChatMessageDto[];

  @IsOptional()
  @IsBoolean()
  stream?: boolean;
}
