import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsOptional,
  IsString,
  Length,
  ValidateNested,
} from 'class-validator';
import { GenerationFieldsDto } from '../../common/generation/generation-fields.dto';
import { ChatMessageDto } from './chat-message.dto';

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
