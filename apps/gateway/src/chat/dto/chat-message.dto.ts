import { IsIn, IsString, Length } from 'class-validator';
import { HasText } from '../../common/http/has-text.validator';

export class ChatMessageDto {
  @IsIn(['user', 'assistant'])
  role!: 'user' | 'assistant';

  @IsString()
  @Length(1, 100_000)
  @HasText()
  content!: string;
}
