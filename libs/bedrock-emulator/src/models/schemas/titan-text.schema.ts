import type { CatalogModel } from '@app/bedrock';
import type { CanonicalPrompt, PromptTurn, StopReason } from '../../generation/canonical-prompt';
import { mergeDeltas } from '../../generation/delta-pieces';
import {
  optionalNumberInRange,
  optionalStringArray,
  readMaxTokens,
  readObject,
  readString,
} from './body-fields';
import type { RenderInput, TextSchema } from './text-schema.types';
import { EmulatorError } from '../../errors/emulator-error';

/** Titan streams few, large chunks (a short answer arrives whole), so deltas are merged up to this size. */
const TITAN_CHUNK_TOKENS = 32;

/** Amazon Titan Text Express / Lite / Premier (shared/docs/bedrock-wire.md §7.2). */
export class TitanTextSchema implements TextSchema {
  parse(model: CatalogModel, body: unknown): CanonicalPrompt {
    const request = readObject(body, '', ['inputText', 'textGenerationConfig'], ['inputText']);
    const config =
      request.textGenerationConfig === undefined
        ? {}
        : readObject(request.textGenerationConfig, 'textGenerationConfig', [
            'temperature',
            'topP',
            'maxTokenCount',
            'stopSequences',
          ]);
    return {
      system: '',
      turns: titanTurns(readString(request.inputText, 'inputText')),
      maxTokens: readMaxTokens(model, config.maxTokenCount, 'textGenerationConfig/maxTokenCount'),
      temperature: optionalNumberInRange(config.temperature, 'textGenerationConfig/temperature', 0, 1),
      topP: optionalNumberInRange(config.topP, 'textGenerationConfig/topP', 0, 1),
      stopSequences: titanStopSequences(config.stopSequences),
      documents: [],
    };
  }

  renderBody({ generation }: RenderInput): Record<string, unknown> {
    return {
      inputTextTokenCount: generation.inputTokens,
      results: [
        {
          tokenCount: generation.outputTokens,
          outputText: generation.text,
          completionReason: completionReasonOf(generation.stopReason),
        },
      ],
    };
  }

  renderChunks({ generation }: RenderInput): Record<string, unknown>[] {
    const pieces = mergeDeltas(generation.deltas, TITAN_CHUNK_TOKENS);
    if (pieces.length === 0) pieces.push({ text: '', tokenCount: 0 });
    let runningTokens = 0;
    return pieces.map((piece, index) => {
      runningTokens += piece.tokenCount;
      const last = index === pieces.length - 1;
      return {
        outputText: piece.text,
        index: 0,
        totalOutputTextTokenCount: runningTokens,
        completionReason: last ? completionReasonOf(generation.stopReason) : null,
        // Only the first chunk carries the input count; later chunks send null.
        inputTextTokenCount: index === 0 ? generation.inputTokens : null,
      };
    });
  }
}

/**
 * Titan takes at most one stop sequence, `User:` or pipes only (Bedrock's messages, boto/boto3#3993:
 * "string does not match pattern ^(\|+|User:)$", "expected maximum item count: 1, found: 5").
 */
function titanStopSequences(value: unknown): string[] {
  const path = 'textGenerationConfig/stopSequences';
  const stops = optionalStringArray(value, path);
  if (stops.length > 1) {
    throw EmulatorError.malformedInput(`#/${path}: expected maximum item count: 1, found: ${stops.length}`);
  }
  stops.forEach((stop, index) => {
    if (!TITAN_STOP.test(stop)) {
      throw EmulatorError.malformedInput(
        `#/${path}/${index}: string [${stop}] does not match pattern ${TITAN_STOP.source}`,
      );
    }
  });
  return stops;
}

const TITAN_STOP = /^(\|+|User:)$/;

/**
 * Real responses say `FINISH` (the docs' `FINISHED` is not what the service sends, §7.2). A stop
 * sequence also ends the text normally, so it reports `FINISH` too.
 */
function completionReasonOf(reason: StopReason): string {
  switch (reason) {
    case 'max_tokens':
      return 'LENGTH';
    case 'end_turn':
    case 'stop_sequence':
      return 'FINISH';
  }
}

/**
 * Titan has no roles; by convention prompts read `User: …\nBot:`. Splitting on those labels lets the
 * question be found; text before the first label (e.g. a context block) belongs to the first user turn.
 */
export function titanTurns(inputText: string): PromptTurn[] {
  const parts = inputText.split(/(?:^|\n)[ \t]*(User|Bot):/);
  if (parts.length === 1) return [{ role: 'user', text: inputText }];
  const turns: PromptTurn[] = [];
  let preamble = (parts[0] ?? '').trim();
  for (let i = 1; i < parts.length; i += 2) {
    const role = parts[i] === 'Bot' ? 'assistant' : 'user';
    const text = (parts[i + 1] ?? '').trim();
    if (role === 'user' && preamble !== '') {
      turns.push({ role, text: `${preamble}\n${text}` });
      preamble = '';
    } else if (text !== '') {
      turns.push({ role, text });
    }
  }
  if (preamble !== '') turns.unshift({ role: 'user', text: preamble });
  return turns;
}
