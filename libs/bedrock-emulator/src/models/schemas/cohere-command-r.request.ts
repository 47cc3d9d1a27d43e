import type { CatalogModel } from '@app/bedrock';
import { EmulatorError } from '../../errors/emulator-error';
import type { CanonicalPrompt, PromptDocument, PromptTurn } from '../../generation/canonical-prompt';
import {
  optionalNumberInRange,
  optionalStringArray,
  readArray,
  readLooseObject,
  readMaxTokens,
  readObject,
  readString,
} from './body-fields';
import { readCohereTools } from './cohere-tools';

/** Every key Bedrock's Command R schema documents (shared/docs/bedrock-wire.md §7.6). */
const ALLOWED_KEYS = [
  'message',
  'chat_history',
  'preamble',
  'documents',
  'search_queries_only',
  'max_tokens',
  'temperature',
  'p',
  'k',
  'prompt_truncation',
  'frequency_penalty',
  'presence_penalty',
  'seed',
  'return_prompt',
  'tools',
  'tool_results',
  'stop_sequences',
  'raw_prompting',
] as const;

export function parseCohereCommandR(model: CatalogModel, body: unknown): CanonicalPrompt {
  const request = readObject(body, '', ALLOWED_KEYS, ['message']);
  const system: string[] = request.preamble === undefined ? [] : [readString(request.preamble, 'preamble')];
  const turns: PromptTurn[] = [];
  const history = request.chat_history === undefined ? [] : readArray(request.chat_history, 'chat_history');
  history.forEach((entry, index) => {
    const path = `chat_history/${index}`;
    const fields = readObject(entry, path, ['role', 'message', 'tool_calls', 'tool_results'], ['role']);
    const role = readString(fields.role, `${path}/role`);
    const text = fields.message === undefined ? '' : readString(fields.message, `${path}/message`);
    if (role === 'USER') turns.push({ role: 'user', text });
    else if (role === 'CHATBOT') turns.push({ role: 'assistant', text });
    else if (role === 'SYSTEM') system.push(text);
    else if (role !== 'TOOL')
      throw EmulatorError.malformedInput(`#/${path}/role: ${role} is not a valid enum value`);
  });
  turns.push({ role: 'user', text: readString(request.message, 'message') });
  optionalNumberInRange(request.k, 'k', 0, 500);
  const tools = readCohereTools(request.tools, request.tool_results);
  return {
    ...(tools === undefined ? {} : { tools }),
    system: system.join('\n'),
    turns,
    maxTokens: readMaxTokens(model, request.max_tokens, 'max_tokens'),
    temperature: optionalNumberInRange(request.temperature, 'temperature', 0, 1),
    // Command R's `p` runs from 0.01 to 0.99 (Cohere's chat reference, AWS's Command R parameters).
    topP: optionalNumberInRange(request.p, 'p', 0.01, 0.99),
    stopSequences: optionalStringArray(request.stop_sequences, 'stop_sequences'),
    documents: readDocuments(request.documents),
  };
}

/** Cohere documents are string maps; the passage is `snippet` (or `text`), else all values joined. */
function readDocuments(documents: unknown): PromptDocument[] {
  if (documents === undefined) return [];
  return readArray(documents, 'documents').map((document, index) => {
    const path = `documents/${index}`;
    const fields = readLooseObject(document, path);
    const values = Object.entries(fields).map(([key, value]) => readString(value, `${path}/${key}`));
    const text = fields.snippet ?? fields.text ?? values.join('\n');
    return {
      ...(typeof fields.title === 'string' ? { title: fields.title } : {}),
      text: typeof text === 'string' ? text : '',
    };
  });
}
