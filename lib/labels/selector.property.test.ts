import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { parseSelector } from './parse-selector';
import { compareRequirements, matchesSelector, printSelector, type Requirement, type Selector } from './selector';
import { SelectorError } from './selector-error';

// Small pools make generated selectors and label sets share keys and values, so matching is
// actually exercised; the random parts keep the label rules honest.
const keyArb = fc.oneof(
  fc.constantFrom('a', 'b', 'tier', 'in', 'notin', 'ovh/id', 'example.com/Team_1', 'x.y-z/n.9'),
  fc.stringMatching(/^([a-z0-9]([-a-z0-9]{0,8}[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,10}[A-Za-z0-9])?$/),
);
const valueArb = fc.oneof(
  fc.constantFrom('', 'a', 'b', 'web', 'in', 'notin', '0', '1', '10', '007', 'v2'),
  fc.stringMatching(/^([A-Za-z0-9]([-A-Za-z0-9_.]{0,10}[A-Za-z0-9])?)?$/),
);
// Stored labels are validated, but the matcher must not rely on it: add integers a selector
// cannot spell (signed) and outright invalid values.
const labelValueArb = fc.oneof(valueArb, fc.constantFrom('-3', '+5', '-0', ' 1', '9223372036854775808'));
const intArb = fc.oneof(
  fc.constantFrom('0', '1', '2', '10', '007', '9223372036854775807'),
  fc.bigInt({ min: 0n, max: 2n ** 63n - 1n }).map(String),
);

const requirementArb: fc.Arbitrary<Requirement> = fc.oneof(
  fc.record({ key: keyArb, operator: fc.constantFrom('=' as const, '!=' as const), values: fc.tuple(valueArb) }),
  fc.record({
    key: keyArb,
    operator: fc.constantFrom('in' as const, 'notin' as const),
    values: fc.array(valueArb, { minLength: 1, maxLength: 5 }),
  }),
  fc.record({ key: keyArb, operator: fc.constantFrom('exists' as const, '!' as const), values: fc.constant([]) }),
  fc.record({ key: keyArb, operator: fc.constantFrom('gt' as const, 'lt' as const), values: fc.tuple(intArb) }),
);
const selectorArb: fc.Arbitrary<Selector> = fc
  .array(requirementArb, { maxLength: 8 })
  .map((requirements) => ({ requirements }));
const labelSetsArb = fc.array(fc.dictionary(keyArb, labelValueArb, { maxKeys: 6 }), { minLength: 1, maxLength: 8 });

// What parseSelector should make of a printed selector: canonical order, set values sorted and unique.
function normalise(selector: Selector): Requirement[] {
  return selector.requirements
    .map((r) => ({ ...r, values: r.operator === 'in' || r.operator === 'notin' ? [...new Set(r.values)].sort() : r.values }))
    .sort(compareRequirements);
}

describe('selector round trip', () => {
  it('print → parse → print is stable, and the parsed selector matches the same labels', () => {
    fc.assert(
      fc.property(selectorArb, labelSetsArb, (selector, labelSets) => {
        const text = printSelector(selector);
        const parsed = parseSelector(text);
        expect(printSelector(parsed)).toBe(text);
        expect(parsed.requirements).toEqual(normalise(selector));
        for (const labels of labelSets) {
          expect(matchesSelector(parsed, labels)).toBe(matchesSelector(selector, labels));
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('survives added blanks and == spelled out', () => {
    fc.assert(
      fc.property(selectorArb, fc.constantFrom(' ', '\t', '\n', '  '), (selector, blank) => {
        const text = printSelector(selector);
        const loose = text
          .replaceAll(',', `${blank},${blank}`)
          .replaceAll('(', `${blank}(${blank}`)
          .replaceAll(')', `${blank})`)
          .replace(/(^|,)([^,!=<>() ]+)=(?!=)/g, '$1$2==');
        expect(printSelector(parseSelector(`${blank}${loose}${blank}`))).toBe(text);
      }),
      { numRuns: 500 },
    );
  });
});

// Alphabet of the selector language plus near-misses, so random inputs get deep into the parser.
const selectorishArb = fc
  .array(
    fc.constantFrom(
      '=', '==', '!', '!=', '(', ')', ',', '<', '>', ' ', '\t', 'in', 'notin', ' in ', ' notin ',
      'i', 'n', 'o', 't', 'e', 'x', 's', 'a', 'Z', '1', '0', '-', '.', '_', '/', 'ovh/', 'é', '\u0000',
    ),
    { maxLength: 30 },
  )
  .map((parts) => parts.join(''));

function parsesOrThrowsSelectorError(input: string): void {
  let selector: Selector;
  try {
    selector = parseSelector(input);
  } catch (error) {
    expect(error).toBeInstanceOf(SelectorError);
    const { position } = error as SelectorError;
    expect(Number.isInteger(position) && position >= 0 && position <= input.length).toBe(true);
    return;
  }
  // Whatever parses must have a canonical form that parses to the same thing.
  const text = printSelector(selector);
  expect(parseSelector(text).requirements).toEqual(selector.requirements);
}

describe('parseSelector on arbitrary input', () => {
  it('returns a selector or throws a SelectorError, never anything else', () => {
    const inputArb = fc.oneof(
      fc.string(),
      fc.string({ unit: 'binary' }),
      fc.string({ unit: 'grapheme' }),
      selectorishArb,
    );
    fc.assert(fc.property(inputArb, parsesOrThrowsSelectorError), { numRuns: 2000 });
  });

  it('accepts a good share of selector-like input, so the property above is not vacuous', () => {
    const samples = fc.sample(selectorishArb, { numRuns: 2000, seed: 42 });
    const accepted = samples.filter((input) => {
      try {
        parseSelector(input);
        return input.trim() !== '';
      } catch {
        return false;
      }
    });
    expect(accepted.length).toBeGreaterThan(20);
  });
});
