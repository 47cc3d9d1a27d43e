import { ModelCatalog } from '../../catalog/model-catalog.service';
import { FamilyRequestError } from '../family-request.error';
import type { FamilyStrategy } from '../family-strategy';
import { ModelResponseShapeError } from '../model-response-shape.error';
import { foldStream } from '../stream-totals';
import { CohereStrategy } from './cohere.strategy';
import recordedRequest from './__fixtures__/invoke-request.json';
import recordedResponse from './__fixtures__/invoke-response.json';
import streamChunks from './__fixtures__/stream-chunks.json';

describe('CohereStrategy', () => {
  const strategy: FamilyStrategy = new CohereStrategy();
  const catalog = new ModelCatalog();
  const commandR = catalog.resolve('command-r')!;

  it('supports Command R but not Cohere Embed', () => {
    // Act / Assert
    expect(strategy.supports(commandR)).toBe(true);
    expect(strategy.supports(catalog.resolve('cohere-embed-english-v3')!)).toBe(false);
  });

  describe('buildRequest', () => {
    it('sends the last user turn as message, earlier turns as chat_history and the system prompt as preamble', () => {
      // Arrange
      const request = {
        system: 'You are terse.',
        messages: [
          { role: 'user' as const, content: 'Hi' },
          { role: 'assistant' as const, content: 'Hello! How can I help?' },
          { role: 'user' as const, content: 'Who discovered gravity?' },
        ],
        maxTokens: 512,
        temperature: 0.3,
        topP: 0.75,
        stopSequences: ['\n\n'],
      };

      // Act
      const body = strategy.buildRequest(request, commandR);

      // Assert
      const { message, chat_history, preamble, max_tokens, temperature, p, stop_sequences } = recordedRequest;
      expect(body).toStrictEqual({
        message,
        chat_history,
        preamble,
        max_tokens,
        temperature,
        p,
        stop_sequences,
      });
    });

    it.each([
      [1, 0.99],
      [0, 0.01],
      [0.5, 0.5],
    ])('takes top_p %s to p %s, within the 0.01 to 0.99 Command R accepts', (topP, p) => {
      // Arrange
      const request = { messages: [{ role: 'user' as const, content: 'Hi' }], maxTokens: 100, topP };

      // Act / Assert
      expect(strategy.buildRequest(request, commandR).p).toBe(p);
    });

    it("leaves an empty system prompt out, keeping Cohere's default preamble", () => {
      // Arrange
      const request = { system: '', messages: [{ role: 'user' as const, content: 'Hi' }], maxTokens: 100 };

      // Act / Assert
      expect(strategy.buildRequest(request, commandR)).not.toHaveProperty('preamble');
    });

    it('sends grounding documents natively, not in the preamble', () => {
      // Arrange
      const request = {
        system: 'Cite sources.',
        messages: [{ role: 'user' as const, content: 'Who discovered gravity?' }],
        maxTokens: 100,
        documents: [
          {
            id: 'doc_0',
            uri: 's3://kb/newton.md',
            title: 'Newton',
            text: recordedRequest.documents[0]!.snippet,
          },
          { id: 'doc_1', uri: null, text: 'Apples fall.' },
        ],
      };

      // Act
      const body = strategy.buildRequest(request, commandR);

      // Assert
      expect(body).toStrictEqual({
        message: 'Who discovered gravity?',
        preamble: 'Cite sources.',
        documents: [
          { id: 'doc_0', title: 'Newton', snippet: 'Isaac Newton described universal gravitation in 1687.' },
          { id: 'doc_1', snippet: 'Apples fall.' },
        ],
        max_tokens: 100,
      });
    });

    it('refuses a conversation that ends with an assistant turn', () => {
      // Arrange
      const request = {
        messages: [
          { role: 'user' as const, content: 'Hi' },
          { role: 'assistant' as const, content: 'Hel' },
        ],
        maxTokens: 5,
      };

      // Act / Assert
      expect(() => strategy.buildRequest(request, commandR)).toThrow(FamilyRequestError);
    });
  });

  describe('parseResponse', () => {
    it('parses the recorded response, with token counts from the headers', () => {
      // Act / Assert
      expect(strategy.parseResponse(recordedResponse, { inputTokens: 21, outputTokens: 4 })).toEqual({
        text: 'Isaac Newton.',
        stopReason: 'end_turn',
        inputTokens: 21,
        outputTokens: 4,
      });
    });

    it.each([
      ['MAX_TOKENS', 'max_tokens'],
      ['ERROR_TOXIC', 'content_filtered'],
      ['ERROR_LIMIT', 'other'],
    ])('maps finish_reason %s to %s', (finishReason, expected) => {
      // Arrange
      const body = { text: 'x', finish_reason: finishReason };

      // Act / Assert
      expect(strategy.parseResponse(body, {}).stopReason).toBe(expected);
    });

    it('rejects a legacy Command body', () => {
      // Arrange
      const legacy = { generations: [{ text: 'x', finish_reason: 'COMPLETE' }] };

      // Act / Assert
      expect(() => strategy.parseResponse(legacy, {})).toThrow(ModelResponseShapeError);
    });
  });

  describe('parseStreamChunk', () => {
    it('folds the stream: text-generation deltas, stream-end finish reason and metrics', () => {
      // Act / Assert
      expect(foldStream(streamChunks, (chunk) => strategy.parseStreamChunk(chunk))).toEqual({
        text: 'Isaac Newton.',
        stopReason: 'end_turn',
        inputTokens: 21,
        outputTokens: 4,
        firstByteLatencyMs: 310,
        invocationLatencyMs: 702,
      });
    });

    it('ignores stream-start and rejects a chunk without event_type', () => {
      // Act / Assert
      expect(strategy.parseStreamChunk(streamChunks[0])).toEqual({});
      expect(() => strategy.parseStreamChunk({ text: 'x' })).toThrow(ModelResponseShapeError);
    });
  });
});
