import { ModelCatalog } from '../../catalog/model-catalog.service';
import { FamilyRequestError } from '../family-request.error';
import type { FamilyStrategy } from '../family-strategy';
import { ModelResponseShapeError } from '../model-response-shape.error';
import { foldStream } from '../stream-totals';
import { MistralChatStrategy } from './mistral-chat.strategy';
import recordedRequest from './__fixtures__/chat-request.json';
import recordedResponse from './__fixtures__/chat-response.json';
import streamChunks from './__fixtures__/chat-stream-chunks.json';

describe('MistralChatStrategy', () => {
  const strategy: FamilyStrategy = new MistralChatStrategy();
  const catalog = new ModelCatalog();
  const large2407 = catalog.resolve('mistral-large-2407')!;

  it('supports the chat form only', () => {
    // Act / Assert
    expect(strategy.supports(large2407)).toBe(true);
    expect(strategy.supports(catalog.resolve('mistral-large')!)).toBe(false);
  });

  describe('buildRequest', () => {
    it('matches the recorded body in the fields the gateway sends (system message and parameters)', () => {
      // Arrange
      const request = {
        system: 'You are terse.',
        messages: [{ role: 'user' as const, content: 'which llm are you?' }],
        maxTokens: 512,
        topP: 0.9,
        temperature: 0.7,
      };

      // Act
      const body = strategy.buildRequest(request, large2407);

      // Assert
      expect(body).toStrictEqual({
        messages: recordedRequest.messages.slice(0, 2),
        max_tokens: recordedRequest.max_tokens,
        top_p: recordedRequest.top_p,
        temperature: recordedRequest.temperature,
      });
    });

    it('sends a multi-turn conversation with merged roles and grounding in the system message, no stop', () => {
      // Arrange
      const request = {
        system: 'Be brief.',
        messages: [
          { role: 'user' as const, content: 'q1' },
          { role: 'assistant' as const, content: 'a1' },
          { role: 'assistant' as const, content: 'a1b' },
          { role: 'user' as const, content: 'q2' },
        ],
        maxTokens: 50,
        stopSequences: ['END'],
        documents: [{ id: 'd1', uri: 's3://kb/x.md', text: 'X.' }],
      };

      // Act / Assert
      expect(strategy.buildRequest(request, large2407)).toStrictEqual({
        messages: [
          {
            role: 'system',
            content: 'Be brief.\n\n<context>\n<source id="d1" uri="s3://kb/x.md">\nX.\n</source>\n</context>',
          },
          { role: 'user', content: 'q1' },
          { role: 'assistant', content: 'a1\n\na1b' },
          { role: 'user', content: 'q2' },
        ],
        max_tokens: 50,
      });
      // The chat form documents no stop parameter: the gateway cuts at every stop sequence.
      expect(strategy.gatewayStopSequences(request.stopSequences)).toEqual(['END']);
    });

    it('refuses a conversation that ends with an assistant turn, which the chat form cannot continue', () => {
      // Arrange
      const request = {
        messages: [
          { role: 'user' as const, content: 'Say hi' },
          { role: 'assistant' as const, content: 'Sure:' },
        ],
        maxTokens: 50,
      };

      // Act / Assert
      expect(() => strategy.buildRequest(request, large2407)).toThrow(FamilyRequestError);
      expect(() => strategy.buildRequest(request, large2407)).toThrow(
        /end the conversation with a user turn/,
      );
    });
  });

  describe('parseResponse', () => {
    it('parses the recorded response with the body usage', () => {
      // Act / Assert
      expect(strategy.parseResponse(recordedResponse, { inputTokens: 1, outputTokens: 1 })).toEqual({
        text: 'I am Mistral Large.',
        stopReason: 'end_turn',
        inputTokens: 5,
        outputTokens: 24,
      });
    });

    it('maps tool_calls to other and falls back to headers without usage', () => {
      // Arrange
      const body = { choices: [{ message: { content: null }, stop_reason: 'tool_calls' }] };

      // Act / Assert
      expect(strategy.parseResponse(body, { inputTokens: 3, outputTokens: 4 })).toEqual({
        text: '',
        stopReason: 'other',
        inputTokens: 3,
        outputTokens: 4,
      });
    });

    it('rejects an OpenAI-style body without message', () => {
      // Act / Assert
      expect(() => strategy.parseResponse({ choices: [{ text: 'x' }] }, {})).toThrow(ModelResponseShapeError);
    });
  });

  it('folds the recorded stream chunks', () => {
    // Act / Assert
    expect(foldStream(streamChunks, (chunk) => strategy.parseStreamChunk(chunk))).toEqual({
      text: 'Hello, I am Mistral Large.',
      stopReason: 'end_turn',
      inputTokens: 5,
      outputTokens: 24,
      firstByteLatencyMs: 301,
      invocationLatencyMs: 1021,
    });
  });
});
