import type { NativeSchema } from '@app/bedrock';
import { AnthropicMessagesSchema } from './anthropic-messages.schema';
import { CohereCommandRSchema } from './cohere-command-r.schema';
import { Llama3Schema } from './llama3.schema';
import { MistralChatSchema } from './mistral-chat.schema';
import { MistralCompletionSchema } from './mistral-completion.schema';
import type { TextSchema } from './text-schema.types';
import { TitanTextSchema } from './titan-text.schema';

/** Text-generation schemas by catalog `schema`; embeddings are handled in `embeddings/`. */
export type TextSchemaName = Exclude<NativeSchema, 'titan-embed-v2' | 'cohere-embed-v3'>;

export const TEXT_SCHEMAS: Readonly<Record<TextSchemaName, TextSchema>> = {
  'anthropic-messages': new AnthropicMessagesSchema(),
  'titan-text': new TitanTextSchema(),
  llama3: new Llama3Schema(),
  'mistral-completion': new MistralCompletionSchema(),
  'mistral-chat': new MistralChatSchema(),
  'cohere-command-r': new CohereCommandRSchema(),
};

/** Narrows a catalog `schema` to a text one (Converse and streaming take text models only). */
export function isTextSchema(schema: NativeSchema): schema is TextSchemaName {
  return schema !== 'titan-embed-v2' && schema !== 'cohere-embed-v3';
}
