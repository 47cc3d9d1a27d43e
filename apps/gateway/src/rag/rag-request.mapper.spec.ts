import { ApiError } from '../common/errors/api-error';
import type { RagRequestDto } from './dto/rag-request.dto';
import { ragSettings, requestedKnowledgeBase } from './rag-request.mapper';

const kb = {
  alias: 'general',
  id: 'KBGENERAL1',
  description: '',
  region: 'us-east-1',
  minScore: 0.25,
  strict: false,
};
const dto = (fields: Partial<RagRequestDto>) => ({ message: 'q', ...fields });

describe('requestedKnowledgeBase', () => {
  it('takes knowledge_base or its synonym knowledge_base_type', () => {
    // Act / Assert
    expect(requestedKnowledgeBase(dto({ knowledge_base: 'a' }))).toBe('a');
    expect(requestedKnowledgeBase(dto({ knowledge_base_type: 'b' }))).toBe('b');
    expect(requestedKnowledgeBase(dto({ knowledge_base: 'a', knowledge_base_type: 'a' }))).toBe('a');
    expect(requestedKnowledgeBase(dto({}))).toBeUndefined();
  });

  it('refuses the two when they disagree', () => {
    // Act / Assert
    expect(() => requestedKnowledgeBase(dto({ knowledge_base: 'a', knowledge_base_type: 'b' }))).toThrow(
      ApiError,
    );
  });
});

describe('ragSettings', () => {
  it("applies API.md's defaults and the knowledge base's min_score", () => {
    // Act / Assert
    expect(ragSettings(dto({}), kb)).toEqual({
      maxResults: 5,
      minScore: 0.25,
      searchType: 'HYBRID',
      maxContextLength: 3000,
      includeSources: true,
      mode: 'retrieve',
    });
  });

  it('prefers what the request says, min_score 0 included', () => {
    // Act
    const settings = ragSettings(dto({ min_score: 0, max_results: 9, include_sources: false }), kb);
    // Assert
    expect(settings).toMatchObject({ minScore: 0, maxResults: 9, includeSources: false });
  });
});
