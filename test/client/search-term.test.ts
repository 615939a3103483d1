import { expect, test } from 'vitest';
import { searchTerm } from '../../src/client/search-engine.ts';

test('asks an English index for the words that narrow the search, not the ones every article holds', () => {
  expect(searchTerm('How do I import disputes in bulk?', 'en')).toBe('import disputes bulk?');
  expect(searchTerm('Where is the export button, in settings?', 'en')).toBe('export button, settings?');
  expect(searchTerm('  reset   the password ', 'en-GB')).toBe('reset password');
});

test('searches a question of common words alone as typed', () => {
  expect(searchTerm('how to', 'en')).toBe('how to');
});

test('keeps every word of a quoted phrase and of a query to another language’s index', () => {
  expect(searchTerm('"sign in with google"', 'en')).toBe('"sign in with google"');
  expect(searchTerm('die Rechnung in Euro', 'de')).toBe('die Rechnung in Euro');
});
