/** fast-check generators for what anyone on the internet might post to /api/events. */
import fc from 'fast-check';
import { newSession } from './events-client.ts';

// Characters that break naive code: NUL, lone surrogates, bidi overrides, zero-width, BOM, joined emoji, quotes,
// markup.
const EDGE = [
  '\u0000',
  '\uD800',
  '\uDFFF',
  '\u202E',
  '\u200F',
  '\u200B',
  '\uFEFF',
  '\u2028',
  '🧪',
  '👩‍👩‍👧',
  'é',
  '中',
  'ع',
  '\n',
  '\t',
  '"',
  '\\',
  '<script>',
  "'",
  '=',
  '%',
];
const POLLUTION_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'];

/** Text in any script, mixed with the edge characters above. */
export const weirdText = (maxLength: number): fc.Arbitrary<string> =>
  fc.string({ unit: fc.oneof(fc.constantFrom(...EDGE), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), maxLength });

/** Sets a key as an own property, so `__proto__` ends up in the JSON instead of changing the prototype. */
function withKey(target: object, key: string, value: unknown): Record<string, unknown> {
  return Object.defineProperty({ ...target }, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Bodies that are never a valid batch: any JSON, raw bytes, deep nesting, huge strings, polluted wrappers. */
export function anyBatchBody(): fc.Arbitrary<string | Uint8Array<ArrayBuffer>> {
  return fc.oneof(
    fc.jsonValue().map((v) => JSON.stringify(v) ?? 'null'),
    fc.array(fc.jsonValue(), { maxLength: 5 }).map((events) => JSON.stringify({ events })),
    fc.uint8Array({ maxLength: 400 }).map((bytes) => new Uint8Array(bytes)),
    fc.integer({ min: 1, max: 100_000 }).map((depth) => `{"events":${'['.repeat(depth)}${']'.repeat(depth)}}`),
    fc.integer({ min: 65, max: 200_000 }).map((n) => JSON.stringify({ events: [{ type: 'view', session: 'x'.repeat(n), article: 'a' }] })),
    fc
      .constantFrom(...POLLUTION_KEYS)
      .map((key) => JSON.stringify(withKey({}, key, { events: [{ type: 'view', session: newSession(), article: 'a' }] }))),
    weirdText(300),
  );
}

function validEvent(kind: number, session: string, article: string): Record<string, unknown> {
  switch (kind) {
    case 0:
      return { type: 'view', session, article };
    case 1:
      return { type: 'search', session, query: 'reset password', results: 3 };
    case 2:
      return { type: 'search_click', session, query: 'reset password', article, position: 1 };
    case 3:
      return { type: 'feedback', session, article, vote: 'down', reason: 'unclear', comment: 'Step 2 is unclear' };
    case 4:
      return { type: 'contact', session, article };
    default:
      return { type: 'tutorial_step', session, article: 'first-steps', step: 1, steps: 2 };
  }
}

const oddValue = fc.oneof(
  fc.jsonValue(),
  weirdText(50),
  fc.constantFrom(-1, 0, 1.5, 2 ** 53, -(2 ** 63), 1e308, '1', '', ' ', null, true, [], {}, 'NaN', 'Infinity'),
);

/**
 * A batch of valid events with at most one thing wrong (or nothing): a field replaced, removed or added, or a bad size.
 */
export function nearValidBatch(article: string): fc.Arbitrary<{ session: string; body: string }> {
  return fc
    .record({
      kinds: fc.array(fc.nat(5), { minLength: 0, maxLength: 55 }),
      mutation: fc.constantFrom('none', 'replace', 'remove', 'add', 'wrap'),
      target: fc.nat(),
      field: fc.nat(),
      key: fc.oneof(fc.constantFrom(...POLLUTION_KEYS), weirdText(12)),
      value: oddValue,
    })
    .map(({ kinds, mutation, target, field, key, value }) => {
      const session = newSession();
      const events = kinds.map((kind) => validEvent(kind, session, article));
      const at = events.length ? target % events.length : -1;
      if (at >= 0) {
        const event = events[at]!;
        const name = Object.keys(event)[field % Object.keys(event).length]!;
        if (mutation === 'replace') event[name] = value;
        if (mutation === 'remove') delete event[name];
        if (mutation === 'add') events[at] = withKey(event, key, value);
      }
      const batch = mutation === 'wrap' ? withKey({ events }, key, value) : { events };
      return { session, body: JSON.stringify(batch) };
    });
}

/**
 * A comment and a query the API stores: any script, well-formed (a lone surrogate becomes U+FFFD), within the length
 * limits once trimmed.
 */
export function storableCommentAndQuery(): fc.Arbitrary<[string, string]> {
  return fc
    .tuple(weirdText(2000), weirdText(200))
    .filter(
      ([comment, query]) =>
        comment.isWellFormed() &&
        query.isWellFormed() &&
        comment.trim().length > 0 &&
        comment.trim().length <= 2000 &&
        query.trim().length > 0 &&
        query.trim().length <= 200,
    );
}
