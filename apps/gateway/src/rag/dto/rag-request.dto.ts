import { IsBoolean, IsIn, IsInt, IsNumber, IsString, Length, Max, Min, ValidateBy } from 'class-validator';
import { GenerationFieldsDto } from '../../common/generation/generation-fields.dto';
import { Optional } from '../../common/http/optional.validator';
import { HasText } from '../../common/http/has-text.validator';

export const SEARCH_TYPES = ['HYBRID', 'SEMANTIC'] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];

export const RAG_MODES = ['retrieve', 'retrieve_and_generate'] as const;
export type RagMode = (typeof RAG_MODES)[number];

/** RetrieveAndGenerate's `input.text` holds at most 1,000 characters (bedrock-wire.md §5.2). */
export const MANAGED_QUESTION_MAX_CHARS = 1000;

/**
 * `message` fits RetrieveAndGenerate in that mode. Checked on the body as the policy chain left it, so a
 * question that PII redaction made longer is measured as it would be sent.
 */
const FitsManagedMode = (): PropertyDecorator =>
  ValidateBy({
    name: 'fitsManagedMode',
    validator: {
      validate: (value: unknown, args) =>
        (args?.object as { mode?: unknown }).mode !== 'retrieve_and_generate' ||
        typeof value !== 'string' ||
        // Characters are code points, as for @Length and Bedrock's own limits (an emoji is one, not two).
        value.length <= MANAGED_QUESTION_MAX_CHARS ||
        [...value].length <= MANAGED_QUESTION_MAX_CHARS,
      defaultMessage: () =>
        `$property must be at most ${MANAGED_QUESTION_MAX_CHARS} characters with mode retrieve_and_generate (Bedrock's RetrieveAndGenerate limit); mode retrieve takes up to 100000`,
    },
  });

/** POST /bedrock/chat/rag (API.md): the chat fields except `messages` and `stream`, plus retrieval. */
export class RagRequestDto extends GenerationFieldsDto {
  @IsString()
  @Length(1, 100_000)
  @HasText()
  @FitsManagedMode()
  message!: string;

  /** Alias or knowledge-base id; default from config. */
  @Optional()
  @IsString()
  @Length(1, 2048)
  knowledge_base?: string;

  /** Synonym of `knowledge_base` (API.md). */
  @Optional()
  @IsString()
  @Length(1, 2048)
  knowledge_base_type?: string;

  @Optional()
  @IsInt()
  @Min(1)
  @Max(100)
  max_results?: number;

  @Optional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  min_score?: number;

  @Optional()
  @IsIn(SEARCH_TYPES)
  search_type?: SearchType;

  @Optional()
  @IsInt()
  @Min(500)
  @Max(100_000)
  max_context_length?: number;

  @Optional()
  @IsBoolean()
  include_sources?: boolean;

  @Optional()
  @IsIn(RAG_MODES)
  mode?: RagMode;
}
