import { TimeoutError } from '../common/runtime/with-timeout';
import { errorName } from './error-name';

describe('errorName', () => {
  it.each([
    ['the probe deadline', new TimeoutError('no answer within 1000 ms'), 'TimeoutError'],
    ["ioredis's command timeout (a plain Error)", new Error('Command timed out'), 'TimeoutError'],
    ["pg's query read timeout", new Error('Query read timeout'), 'TimeoutError'],
    ["pg-pool's connection timeout", new Error('timeout exceeded when trying to connect'), 'TimeoutError'],
    ['a system code in the message', new Error('connect ECONNREFUSED 127.0.0.1:6379'), 'ECONNREFUSED'],
    ['a code property', Object.assign(new Error('database "x" does not exist'), { code: '3D000' }), '3D000'],
    ['a plain Error that only mentions a timeout', new Error('the timeout is set to 5 s'), 'Error'],
  ])('names %s', (_, error, name) => {
    expect(errorName(error)).toBe(name);
  });
});
