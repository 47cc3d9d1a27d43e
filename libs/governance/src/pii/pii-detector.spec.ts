import { detectPii, findPii, redactPii } from './pii-detector';
import { passesLuhn } from './luhn';

describe('redactPii', () => {
  it('replaces each value with [REDACTED:TYPE] and counts per type', () => {
    // Arrange
    const text = 'Mail jane@example.com or bob@example.org, call 415-555-0132, card 4111 1111 1111 1111.';

    // Act
    const result = redactPii(text);

    // Assert
    expect(result.text).toBe(
      'Mail [REDACTED:EMAIL] or [REDACTED:EMAIL], call [REDACTED:PHONE], card [REDACTED:CREDIT_CARD].',
    );
    expect(result.counts).toEqual({ EMAIL: 2, PHONE: 1, CREDIT_CARD: 1 });
  });

  it('redacts only the selected types', () => {
    // Arrange
    const text = 'SSN 123-45-6789 from 10.0.0.5';

    // Act
    const result = redactPii(text, ['IP_ADDRESS']);

    // Assert
    expect(result).toEqual({ text: 'SSN 123-45-6789 from [REDACTED:IP_ADDRESS]', counts: { IP_ADDRESS: 1 } });
  });

  it('returns the same string and no counts when nothing is found', () => {
    // Arrange
    const text = 'Order ORD-12345678 of $1,234.56 on 2024-01-15, version 1.2.3.4';

    // Act
    const result = redactPii(text);

    // Assert
    expect(result).toEqual({ text, counts: {} });
  });
});

describe('findPii', () => {
  it.each(['net income was +12000000 USD', '+20240115', '+25 000 000 users', '+12000000000'])(
    'does not take a signed amount or date for an E.164 number: %s',
    (text) => {
      // Act / Assert
      expect(findPii(text)).toEqual([]);
    },
  );

  it.each(['+14155552671', '+44 20 7946 0958', '+49 30 901820', '+4930901820', '+1 (415) 555-0132'])(
    'keeps the E.164 number %s',
    (phone) => {
      // Act
      const result = redactPii(`ring ${phone} now`);

      // Assert
      expect(result).toEqual({ text: 'ring [REDACTED:PHONE] now', counts: { PHONE: 1 } });
    },
  );

  it.each(['In C++ call Dec::Add', 'call Dec::Add(x)', 'see dec::add', 'John 3::16', '00:00:12::'])(
    'does not take a scope, verse or time with a double colon for an IPv6 address: %s',
    (text) => {
      // Act / Assert
      expect(findPii(text)).toEqual([]);
    },
  );

  it.each([
    '2001:db8::1',
    'fe80::1ff:fe23:4567:890a',
    '::1',
    '2001:4860:4860::8888',
    'FE80::1',
    '2001:DB8::a1',
  ])('keeps the IPv6 address %s', (address) => {
    // Act
    const result = redactPii(`peer ${address} is up`);

    // Assert
    expect(result).toEqual({ text: 'peer [REDACTED:IP_ADDRESS] is up', counts: { IP_ADDRESS: 1 } });
  });

  it.each([
    'Upgrade Kafka to 2.8.1.0 today',
    'python 3.11.4.0',
    'OpenSSL 1.1.1.1',
    'Upgrade Kafka from 2.7.0.1 to 2.8.1.0',
    'bump python from 3.11.4.0',
  ])('reads a four-part version after a product name or an upgrade as a version: %s', (text) => {
    // Act / Assert
    expect(findPii(text)).toEqual([]);
  });

  it.each([
    ['connect to 10.0.0.12', '10.0.0.12'],
    ['host 192.168.1.20 is down', '192.168.1.20'],
    ['from 8.8.8.8', '8.8.8.8'],
    ['DNS 1.1.1.1', '1.1.1.1'],
    ['Upgraded it. Connect to 8.8.4.4', '8.8.4.4'],
    ['After the upgrade we saw a login from 52.3.4.5 at night', '52.3.4.5'],
    ['We upgraded nginx; traffic from 52.3.4.5 kept coming', '52.3.4.5'],
    ['El servidor 52.3.4.5 no responde', '52.3.4.5'],
    ['Alice 12.34.56.78', '12.34.56.78'],
  ])('keeps an address after a networking word or a preposition: %s', (text, address) => {
    // Act
    const matches = findPii(text);

    // Assert
    expect(matches.map((match) => [match.type, text.slice(match.start, match.end)])).toEqual([
      ['IP_ADDRESS', address],
    ]);
  });

  it.each(['josé@example.com', 'jänë@example.com', 'müller.anna@example.com', 'anna@exämple.de'])(
    'takes the whole of an address with non-ASCII letters: %s',
    (address) => {
      // Act
      const result = redactPii(`write to ${address} today`);

      // Assert
      expect(result).toEqual({ text: 'write to [REDACTED:EMAIL] today', counts: { EMAIL: 1 } });
    },
  );

  it('never reports the digits of a card as a phone, even when only PHONE is selected', () => {
    // Act
    const matches = findPii('card 4111 1111 1111 1111', ['PHONE']);

    // Assert
    expect(matches).toEqual([]);
  });

  it('keeps the whole E.164 number rather than its NANP tail', () => {
    // Act
    const matches = findPii('call +1 415 555 0132 now');

    // Assert
    expect(matches).toEqual([{ type: 'PHONE', start: 5, end: 20 }]);
  });

  it('refuses card-shaped numbers that fail Luhn', () => {
    // Act
    const types = detectPii('4111 1111 1111 1112 and 4111 1111 1111 1111');

    // Assert
    expect(types).toEqual(['CREDIT_CARD']);
    expect(findPii('4111 1111 1111 1112')).toEqual([]);
  });

  it('stays fast on long adversarial input', () => {
    // Arrange
    const text = `${'a.'.repeat(50_000)}${'1:'.repeat(20_000)}${'+1 2'.repeat(10_000)}`;
    const started = performance.now();

    // Act
    findPii(text);

    // Assert
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('passesLuhn', () => {
  it.each([
    ['79927398713', true],
    ['79927398710', false],
    ['', false],
    ['12a4', false],
  ])('%s → %s', (digits, expected) => {
    // Act / Assert
    expect(passesLuhn(digits)).toBe(expected);
  });
});
