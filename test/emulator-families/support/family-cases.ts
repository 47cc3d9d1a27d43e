/**
 * One model per native text schema, a request body in that schema, and where the schema puts the
 * answer text, the token counts (when the body has them) and the streamed text.
 */
export interface FamilyCase {
  schema: string;
  modelId: string;
  body: (question: string, maxTokens: number) => Record<string, unknown>;
  text: string;
  chunkText: string;
  /** Dotted paths of the body's own input/output token counts; absent where the body carries none. */
  bodyTokens?: { input: string; output: string };
}

export const FAMILY_CASES: FamilyCase[] = [
  {
    schema: 'anthropic-messages',
    modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
    body: (question, maxTokens) => ({
      anthropic_version: 'bedrock-2023-05-31',
      max_tokens: maxTokens,
      system: 'You are terse.',
      messages: [{ role: 'user', content: question }],
    }),
    text: 'content.0.text',
    chunkText: 'delta.text',
    bodyTokens: { input: 'usage.input_tokens', output: 'usage.output_tokens' },
  },
  {
    schema: 'titan-text',
    modelId: 'amazon.titan-text-express-v1',
    body: (question, maxTokens) => ({
      inputText: `User: ${question}\nBot:`,
      textGenerationConfig: { maxTokenCount: maxTokens, temperature: 0.2 },
    }),
    text: 'results.0.outputText',
    chunkText: 'outputText',
    bodyTokens: { input: 'inputTextTokenCount', output: 'results.0.tokenCount' },
  },
  {
    schema: 'llama3',
    modelId: 'meta.llama3-70b-instruct-v1:0',
    body: (question, maxTokens) => ({
      prompt: `<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\n${question}<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n`,
      max_gen_len: maxTokens,
    }),
    text: 'generation',
    chunkText: 'generation',
    bodyTokens: { input: 'prompt_token_count', output: 'generation_token_count' },
  },
  {
    schema: 'mistral-completion',
    modelId: 'mistral.mistral-7b-instruct-v0:2',
    body: (question, maxTokens) => ({ prompt: `<s>[INST] ${question} [/INST]`, max_tokens: maxTokens }),
    text: 'outputs.0.text',
    chunkText: 'outputs.0.text',
  },
  {
    schema: 'mistral-chat',
    modelId: 'mistral.mistral-large-2407-v1:0',
    body: (question, maxTokens) => ({
      messages: [{ role: 'user', content: question }],
      max_tokens: maxTokens,
    }),
    text: 'choices.0.message.content',
    chunkText: 'choices.0.message.content',
    bodyTokens: { input: 'usage.prompt_tokens', output: 'usage.completion_tokens' },
  },
  {
    schema: 'cohere-command-r',
    modelId: 'cohere.command-r-v1:0',
    body: (question, maxTokens) => ({ message: question, preamble: 'You are terse.', max_tokens: maxTokens }),
    text: 'text',
    chunkText: 'text',
  },
];
