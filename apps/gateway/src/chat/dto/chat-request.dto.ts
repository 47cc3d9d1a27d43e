import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsString,
  Length,
  ValidateNested,
} from 'class-validator';
import { GenerationFieldsDto } from '../../common/generation/generation-fields.dto';
import { ChatMessageDto } from './chat-message.dto';
import { Optional } from '../../common/http/optional.validator';
import { HasText } from '../../common/http/has-text.validator';

export class ChatRequestDto extends GenerationFieldsDto {
  /** A single user turn. Exactly one of `message` / `messages`. */
  @Optional()
  @IsString()
  @Length(1, 100_000)
  @HasText()
  message?: string;

  @Optional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => ChatMessageDto)
  messages?: ChatMessageDto[];

  @Optional()
  @IsBoolean()
  stream?: boolean;
}
