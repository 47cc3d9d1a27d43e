/** A text of the request body that leaves the gateway; `write` puts the redacted text back in its place. */
export interface TextSlot {
  text: string;
  write(text: string): void;
}

/**
 * What the policy chain reads from a request body, before the validation pipe has seen it. Fields of the
 * wrong type are reported as `null` and left alone: the validation pipe refuses them with a 400 later.
 */
export interface PolicyInput {
  /** `model` or its synonym `model_name`; undefined when neither is sent (the default model applies). */
  model: string | null | undefined;
  /** `knowledge_base` or `knowledge_base_type` (RAG routes). */
  knowledgeBase: string | null | undefined;
  maxTokens: unknown;
  /** RAG: `max_context_length`, characters of retrieved text the prompt may carry (`retrieve` mode). */
  maxContextLength: unknown;
  /** RAG: `max_results`, passages asked for (all of them reach the prompt in `retrieve_and_generate`). */
  maxResults: unknown;
  /** RAG: `mode`. */
  mode: unknown;
  /**
   * `message`, every `messages[].content` and `system_prompt`, in that order, then what else the caller
   * sends that leaves the gateway or is stored: `stop_sequences` (sent to Bedrock) and the values and
   * keys of `metadata` (kept in the usage ledger).
   */
  texts: TextSlot[];
  /** How many of `texts` are prompt text (the rest is not sent as input tokens). */
  promptTexts: number;
}

type Body = Record<string, unknown>;

/** Null when the body is not a JSON object (the validation pipe answers those). */
export function readPolicyInput(body: unknown): PolicyInput | null {
  if (!isObject(body)) return null;
  const texts: TextSlot[] = [];
  addText(texts, body, 'message');
  if (Array.isArray(body['messages'])) {
    for (const turn of body['messages'] as unknown[]) if (isObject(turn)) addText(texts, turn, 'content');
  }
  addText(texts, body, 'system_prompt');
  const promptTexts = texts.length;
  const stops = body['stop_sequences'];
  if (Array.isArray(stops)) stops.forEach((_, index) => addText(texts, stops, index));
  const metadata = body['metadata'];
  if (isObject(metadata)) {
    const keys = Object.keys(metadata);
    for (const key of keys) addText(texts, metadata, key);
    // Keys after every value: a redacted key renames its entry, whose value is already written back.
    const suffixes = new Map<string, number>();
    for (const key of keys)
      texts.push({ text: key, write: (redacted) => renameKey(metadata, key, redacted, suffixes) });
  }
  return {
    model: named(body, 'model', 'model_name'),
    knowledgeBase: named(body, 'knowledge_base', 'knowledge_base_type'),
    maxTokens: body['max_tokens'],
    maxContextLength: body['max_context_length'],
    maxResults: body['max_results'],
    mode: body['mode'],
    texts,
    promptTexts,
  };
}

/** A positive integer no larger than `limit`, else undefined (the validation pipe judges the value). */
export function positiveInt(value: unknown, limit = Number.MAX_SAFE_INTEGER): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= limit
    ? value
    : undefined;
}

/** A string at `holder[field]` (an object's member or an array's element) as a slot. */
function addText<Holder extends Body | unknown[]>(
  texts: TextSlot[],
  holder: Holder,
  field: keyof Holder,
): void {
  const text = holder[field];
  if (typeof text === 'string')
    texts.push({ text, write: (redacted) => (holder[field] = redacted as Holder[keyof Holder]) });
}

function named(body: Body, field: string, synonym: string): string | null | undefined {
  const value = body[field] !== undefined ? body[field] : body[synonym];
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : null;
}

function isObject(value: unknown): value is Body {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Renames `from` to `to` (`to#2`, … when taken), keeping the entry's value and the other entries.
 * `suffixes` holds the next suffix to try per name, so renaming n keys to one name probes each suffix
 * once (linear), not from 2 each time (quadratic: 20,000 e-mail keys held the event loop for a minute).
 */
function renameKey(holder: Body, from: string, to: string, suffixes: Map<string, number>): void {
  if (from === to) return;
  let n = suffixes.get(to) ?? 1;
  let name = n === 1 ? to : `${to}#${n}`;
  while (name in holder) {
    n += 1;
    name = `${to}#${n}`;
  }
  suffixes.set(to, n + 1);
  holder[name] = holder[from];
  delete holder[from];
}
