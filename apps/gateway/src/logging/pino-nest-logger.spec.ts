import { createGatewayLogger } from './gateway-logger';
import { logCapture } from './log-capture';
import { PinoNestLogger } from './pino-nest-logger';

describe('PinoNestLogger', () => {
  function build() {
    const capture = logCapture();
    return { logger: new PinoNestLogger(createGatewayLogger('info', capture.stream)), lines: capture.lines };
  }

  it('takes the last string argument as the context (Nest appends it)', () => {
    // Arrange
    const { logger, lines } = build();
    // Act
    logger.log('Nest application successfully started', 'NestApplication');
    // Assert
    expect(lines[0]).toMatchObject({
      level: 30,
      msg: 'Nest application successfully started',
      context: 'NestApplication',
    });
  });

  it('spreads an object first argument into the line and uses the next string as the message', () => {
    // Arrange
    const { logger, lines } = build();
    const err = new Error('disk full');
    // Act
    logger.error({ err, requestId: 'r-1' }, 'could not record usage', 'UsageInterceptor');
    // Assert
    expect(lines[0]).toMatchObject({
      level: 50,
      msg: 'could not record usage',
      requestId: 'r-1',
      context: 'UsageInterceptor',
      err: { type: 'Error', message: 'disk full' },
    });
  });

  it("keeps the stack of Nest's error(message, stack, context) form", () => {
    // Arrange
    const { logger, lines } = build();
    // Act
    logger.error('boom', 'Error: boom\n    at x', 'ExceptionsHandler');
    // Assert
    expect(lines[0]).toMatchObject({
      msg: 'boom',
      stack: 'Error: boom\n    at x',
      context: 'ExceptionsHandler',
    });
  });

  it('logs an Error with its message and drops what is below the level', () => {
    // Arrange
    const { logger, lines } = build();
    // Act
    logger.warn(new Error('slow store'));
    logger.debug('not shown');
    logger.verbose('not shown either');
    // Assert
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 40, msg: 'slow store', err: { message: 'slow store' } });
  });
});
