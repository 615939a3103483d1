import { expect, test } from 'vitest';
import { findTicketRef, newTicketRef, readTicketRef, TICKET_REF_PATTERN } from '../../src/domain/ticket-ref.ts';

test('a new reference is 12 readable characters and a different one each time', () => {
  const refs = new Set(Array.from({ length: 1000 }, () => newTicketRef()));
  expect(refs.size).toBe(1000);
  for (const ref of refs) {
    expect(ref).toMatch(TICKET_REF_PATTERN);
    expect(ref).not.toMatch(/[ilou]/);
  }
});

test('a reference copied by hand is read whatever its case, spaces and dashes', () => {
  expect(readTicketRef(' 4K2M-9X0P-7Q1Z ')).toBe('4k2m9x0p7q1z');
  expect(readTicketRef('4k2m9x0p7q1')).toBeNull();
  expect(readTicketRef('')).toBeNull();
  expect(readTicketRef(42)).toBeNull();
});

test('a reference is found in a subject or a pasted link, and nothing is found in other text', () => {
  expect(findTicketRef('Help request (ref 4k2m9x0p7q1z)')).toBe('4k2m9x0p7q1z');
  expect(findTicketRef('from https://example.com/contact?lantern_ref=4K2M9X0P7Q1Z&x=1')).toBe('4k2m9x0p7q1z');
  expect(findTicketRef('see kb_ref=4k2m9x0p7q1z', 'kb_ref')).toBe('4k2m9x0p7q1z');
  expect(findTicketRef('my invoice 4k2m9x0p7q1z is wrong')).toBeNull();
  expect(findTicketRef('reference number 123456789012345')).toBeNull();
});
