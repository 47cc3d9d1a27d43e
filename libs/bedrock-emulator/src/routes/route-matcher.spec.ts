import { matchRoute, splitPath } from './route-matcher';

describe('route matcher', () => {
  it('decodes each segment after splitting, so encoded ARNs stay one label (§0.6)', () => {
    const path =
      '/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Ainference-profile%2Fus.anthropic.claude-sonnet-4-20250514-v1%3A0/invoke';

    expect(matchRoute('POST', path)).toEqual({
      operation: 'InvokeModel',
      service: 'runtime',
      resourceId:
        'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-sonnet-4-20250514-v1:0',
    });
  });

  it.each([
    ['POST', '/model/m%3A0/invoke-with-response-stream', 'InvokeModelWithResponseStream', 'm:0'],
    ['POST', '/model/m/converse', 'Converse', 'm'],
    ['POST', '/model/m/converse-stream', 'ConverseStream', 'm'],
    ['POST', '/knowledgebases/KBGENERAL1/retrieve', 'Retrieve', 'KBGENERAL1'],
    ['POST', '/retrieveAndGenerate', 'RetrieveAndGenerate', undefined],
    ['GET', '/foundation-models', 'ListFoundationModels', undefined],
    [
      'GET',
      '/foundation-models/amazon.titan-embed-text-v2%3A0',
      'GetFoundationModel',
      'amazon.titan-embed-text-v2:0',
    ],
    ['GET', '/inference-profiles', 'ListInferenceProfiles', undefined],
    ['GET', '/inference-profiles/us.x', 'GetInferenceProfile', 'us.x'],
  ])('%s %s is %s', (method, path, operation, resourceId) => {
    const match = matchRoute(method, path);

    expect(match?.operation).toBe(operation);
    expect(match?.resourceId).toBe(resourceId);
  });

  it('rejects wrong methods, extra segments and empty labels', () => {
    expect(matchRoute('GET', '/model/m/invoke')).toBeUndefined();
    expect(matchRoute('POST', '/model/m/invoke/extra')).toBeUndefined();
    expect(matchRoute('POST', '/model//invoke')).toBeUndefined();
    expect(matchRoute('GET', '/')).toBeUndefined();
  });

  it('turns a broken percent-encoding into a ValidationException instead of a crash', () => {
    expect(() => splitPath('/model/%E0%A4%A/invoke')).toThrow(/invalid percent-encoding/);
  });
});
