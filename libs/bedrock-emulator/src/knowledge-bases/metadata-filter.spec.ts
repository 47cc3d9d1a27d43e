import { EmulatorError } from '../errors/emulator-error';
import { matchesFilter, parseFilter } from './metadata-filter';

const metadata = { lang: 'en', year: 2021, tags: ['a', 'b'], title: 'Expense policy' };
const matches = (filter: unknown): boolean => matchesFilter(parseFilter(filter, 'filter'), metadata);

describe('metadata filters', () => {
  it.each([
    [{ equals: { key: 'lang', value: 'en' } }, true],
    [{ equals: { key: 'lang', value: 'de' } }, false],
    [{ equals: { key: 'missing', value: 'en' } }, false],
    [{ notEquals: { key: 'lang', value: 'de' } }, true],
    [{ notEquals: { key: 'missing', value: 'de' } }, true],
    [{ greaterThan: { key: 'year', value: 2020 } }, true],
    [{ greaterThan: { key: 'year', value: 2021 } }, false],
    [{ greaterThanOrEquals: { key: 'year', value: 2021 } }, true],
    [{ lessThan: { key: 'year', value: 2021 } }, false],
    [{ lessThanOrEquals: { key: 'year', value: 2021 } }, true],
    [{ lessThan: { key: 'lang', value: 5 } }, false],
    [{ in: { key: 'lang', value: ['fr', 'en'] } }, true],
    [{ in: { key: 'lang', value: ['fr'] } }, false],
    [{ notIn: { key: 'lang', value: ['fr'] } }, true],
    [{ startsWith: { key: 'title', value: 'Expense' } }, true],
    [{ startsWith: { key: 'title', value: 'policy' } }, false],
    [{ stringContains: { key: 'title', value: 'nse pol' } }, true],
    [{ stringContains: { key: 'tags', value: 'b' } }, true],
    [{ listContains: { key: 'tags', value: 'a' } }, true],
    [{ listContains: { key: 'tags', value: 'z' } }, false],
    [
      { andAll: [{ equals: { key: 'lang', value: 'en' } }, { lessThan: { key: 'year', value: 2000 } }] },
      false,
    ],
    [
      { orAll: [{ equals: { key: 'lang', value: 'de' } }, { greaterThan: { key: 'year', value: 2000 } }] },
      true,
    ],
    [
      {
        andAll: [
          { orAll: [{ equals: { key: 'lang', value: 'de' } }, { in: { key: 'year', value: [2021] } }] },
          { startsWith: { key: 'title', value: 'Exp' } },
        ],
      },
      true,
    ],
  ])('%j → %s', (filter, expected) => {
    expect(matches(filter)).toBe(expected);
  });

  it.each([
    [{}, 'exactly one filter'],
    [{ equals: { key: 'a', value: 1 }, notEquals: { key: 'a', value: 2 } }, 'exactly one filter'],
    [{ andAll: [{ equals: { key: 'a', value: 1 } }] }, 'greater than or equal to 2'],
    [{ near: { key: 'a', value: 1 } }, 'known filter type'],
    [{ equals: { key: '', value: 1 } }, 'length between 1 and 100'],
    [{ greaterThan: { key: 'year', value: '2020' } }, 'be a number'],
    [{ in: { key: 'lang', value: 'en' } }, 'be a list'],
    [{ equals: { key: 'lang' } }, 'not be null'],
  ])('rejects %j', (filter, message) => {
    let caught: unknown;
    try {
      parseFilter(filter, 'retrievalConfiguration.vectorSearchConfiguration.filter');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(EmulatorError);
    expect((caught as EmulatorError).status).toBe(400);
    expect((caught as EmulatorError).message).toContain(message);
  });
});
