import { CATALOG_DATA } from '../../catalog/catalog-data';
import { ModelCatalog } from '../../catalog/model-catalog.service';
import type { FamilyStrategy } from '../family-strategy';
import { ModelResponseShapeError } from '../model-response-shape.error';
import { foldStream } from '../stream-totals';
import { AnthropicStrategy } from './anthropic.strategy';
import invokeRequest from './__fixtures__/invoke-request.json';
import invokeResponse from './__fixtures__/invoke-response.json';
import streamChunks from './__fixtures__/stream-chunks.json';
import toolUseResponse from './__fixtures__/tool-use-response.json';

describe('AnthropicStrategy', () => {
  const strategy: FamilyStrategy = new AnthropicStrategy();
  const haiku = new ModelCatalog(CATALOG_DATA).resolve('claude-3-haiku')!;
  const llama = new ModelCatalog(CATALOG_DATA).resolve('llama-3-3-70b')!;

  it('supports Claude models and nothing else', () => {
    // Arrange / Act / Assert
    expect(strategy.supports(haiku)).toBe(true);
    expect(strategy.supports(llama)).toBe(false);
  });

  describe('buildRequest', () => {
    it('reproduces the recorded single-turn body', () => {
      // Arrange
      const request = { messages: [{ role: 'user' as const, content: 'hello' }], maxTokens: 10 };

      // Act
      const body = strategy.buildRequest(request, haiku);

      // Assert
      expect(body).toStrictEqual(invokeRequest);
    });

    it('sends the system prompt as a string and merges same-role turns so roles alternate', () => {
      // Arrange
      const request = {
        system: 'You are terse.',
        messages: [
          { role: 'user' as const, content: 'Hello' },
          { role: 'user' as const, content: 'Are you there?' },
          { role: 'assistant' as const, content: 'Hi!' },
          { role: 'user' as const, content: 'What is DNS?' },
        ],
        maxTokens: 1024,
        temperature: 0.5,
        topP: 0.9,
        stopSequences: ['\n\nHuman:'],
      };

      // Act
      const body = strategy.buildRequest(request, haiku);

      // Assert
      expect(body).toStrictEqual({
        anthropic_version: 'bedrock-2023-05-31',
        max_tokens: 1024,
        system: 'You are terse.',
        messages: [
          { role: 'user', content: 'Hello\n\nAre you there?' },
          { role: 'assistant', content: 'Hi!' },
          { role: 'user', content: 'What is DNS?' },
        ],
        temperature: 0.5,
        top_p: 0.9,
        stop_sequences: ['\n\nHuman:'],
      });
    });

    it('leaves out stop sequences of whitespace only, which Claude refuses; the gateway cuts at those', () => {
      // Arrange
      const stops = ['\n', 'END', ' \t', '\n\nHuman:'];
      const request = {
        messages: [{ role: 'user' as const, content: 'Hi' }],
        maxTokens: 100,
        stopSequences: stops,
      };

      // Act
      const body = strategy.buildRequest(request, haiku);

      // Assert
      expect(body.stop_sequences).toEqual(['END', '\n\nHuman:']);
      expect(strategy.gatewayStopSequences(stops)).toEqual(['\n', ' \t']);
      const blanksOnly = strategy.buildRequest({ ...request, stopSequences: ['\n\n'] }, haiku);
      expect(blanksOnly).not.toHaveProperty('stop_sequences');
    });

    it('drops trailing whitespace from a closing assistant turn (a prefill), which Claude refuses', () => {
      // Arrange
      const request = {
        messages: [
          { role: 'user' as const, content: 'Name a colour.  ' },
          { role: 'assistant' as const, content: 'Sure, the colour is \n' },
        ],
        maxTokens: 64,
      };

      // Act
      const body = strategy.buildRequest(request, haiku);

      // Assert: only the prefill is trimmed; the caller's request is left as it was
      expect(body.messages).toEqual([
        { role: 'user', content: 'Name a colour.  ' },
        { role: 'assistant', content: 'Sure, the colour is' },
      ]);
      expect(request.messages[1]!.content).toBe('Sure, the colour is \n');
    });

    it('puts grounding documents into the system prompt after the caller prompt', () => {
      // Arrange
      const documents = [{ id: '1', uri: 's3://kb/guide.md', text: 'DNS maps names.' }];
      const request = {
        system: 'Be brief.',
        messages: [{ role: 'user' as const, content: 'DNS?' }],
        maxTokens: 5,
      };

      // Act
      const body = strategy.buildRequest({ ...request, documents }, haiku);

      // Assert
      expect(body.system).toBe(
        'Be brief.\n\n<context>\n<source id="1" uri="s3://kb/guide.md">\nDNS maps names.\n</source>\n</context>',
      );
    });
  });

  describe('parseResponse', () => {
    it('parses the recorded response with the body token counts', () => {
      // Act
      const result = strategy.parseResponse(invokeResponse, { inputTokens: 99, outputTokens: 99 });

      // Assert
      expect(result).toEqual({ text: 'hi', stopReason: 'end_turn', inputTokens: 12, outputTokens: 7 });
    });

    it('keeps only text blocks and maps tool_use to other', () => {
      // Act
      const result = strategy.parseResponse(toolUseResponse, {});

      // Assert
      expect(result).toEqual({
        text: 'Hello! How can I help?',
        stopReason: 'other',
        inputTokens: 25,
        outputTokens: 12,
      });
    });

    it('maps refusal to content_filtered and falls back to header token counts', () => {
      // Arrange
      const body = { content: [], stop_reason: 'refusal' };

      // Act
      const result = strategy.parseResponse(body, { inputTokens: 4, outputTokens: 0 });

      // Assert
      expect(result).toEqual({ text: '', stopReason: 'content_filtered', inputTokens: 4, outputTokens: 0 });
    });

    it.each([null, 'text', { content: 'hi', stop_reason: 'end_turn' }, { content: [] }])(
      'throws a ModelResponseShapeError for %p',
      (body) => {
        // Act / Assert
        expect(() => strategy.parseResponse(body, {})).toThrow(ModelResponseShapeError);
      },
    );
  });

  describe('parseStreamChunk', () => {
    it('folds the recorded stream into text, stop reason, tokens and latencies', () => {
      // Act
      const totals = foldStream(streamChunks, (chunk) => strategy.parseStreamChunk(chunk));

      // Assert
      expect(totals).toEqual({
        text: 'Hello!',
        stopReason: 'end_turn',
        inputTokens: 8,
        outputTokens: 12,
        firstByteLatencyMs: 550,
        invocationLatencyMs: 873,
      });
    });

    it('ignores non-text deltas and unknown chunk types', () => {
      // Arrange
      const toolDelta = {
        type: 'content_block_delta',
        index: 1,
        delta: { type: 'input_json_delta', partial_json: '{' },
      };

      // Act / Assert
      expect(strategy.parseStreamChunk(toolDelta)).toEqual({});
      expect(strategy.parseStreamChunk({ type: 'ping' })).toEqual({});
    });

    it('rejects a chunk without a type or a known chunk with a broken shape', () => {
      // Act / Assert
      expect(() => strategy.parseStreamChunk({ delta: {} })).toThrow(ModelResponseShapeError);
      expect(() => strategy.parseStreamChunk({ type: 'message_delta', delta: 'x' })).toThrow(
        ModelResponseShapeError,
      );
    });
  });
});
