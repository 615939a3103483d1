import { expect, test } from 'vitest';
import { withTicketRef } from '../../src/client/contact-links.ts';

const REF = '4k2m9x0p7q1z';
const PAGE = 'https://help.example.com/articles/reset-your-password/';

test('a web contact form gets the reference as a query parameter, keeping the parameters it had', () => {
  expect(withTicketRef('https://example.zendesk.com/hc/requests/new?ticket_form_id=7', REF, 'lantern_ref', PAGE)).toBe(
    `https://example.zendesk.com/hc/requests/new?ticket_form_id=7&lantern_ref=${REF}`,
  );
  expect(withTicketRef('/contact', REF, 'kb_ref', PAGE)).toBe(`https://help.example.com/contact?kb_ref=${REF}`);
});

test('a link renewed with a new session replaces the old reference instead of adding a second one', () => {
  const first = withTicketRef('https://example.com/support', 'aaaaaaaaaaaa', 'lantern_ref', PAGE);
  expect(withTicketRef(first, REF, 'lantern_ref', PAGE)).toBe(`https://example.com/support?lantern_ref=${REF}`);
});

test('a placeholder puts the reference exactly where the contact address wants it', () => {
  expect(withTicketRef('https://example.com/new?tf_360001={lantern_ref}', REF, 'lantern_ref', PAGE)).toBe(
    `https://example.com/new?tf_360001=${REF}`,
  );
  // Twice in a row: the same pattern object serves every call.
  expect(withTicketRef('https://example.com/new?tf_360001={lantern_ref}', 'aaaaaaaaaaaa', 'lantern_ref', PAGE)).toContain('aaaaaaaaaaaa');
  expect(withTicketRef('mailto:help@example.com?subject=Help%20%5B%7Blantern_ref%7D%5D', REF, 'lantern_ref', PAGE)).toBe(
    `mailto:help@example.com?subject=Help%20%5B${REF}%5D`,
  );
});

test('a mailto link without a placeholder carries the reference in its subject, spaces written as %20', () => {
  expect(withTicketRef('mailto:help@example.com', REF, 'lantern_ref', PAGE)).toBe(
    `mailto:help@example.com?subject=Help%20request%20%28ref%20${REF}%29`,
  );
  expect(withTicketRef('mailto:help@example.com?subject=Billing question&cc=a@example.com', REF, 'lantern_ref', PAGE)).toBe(
    `mailto:help@example.com?subject=Billing%20question%20%28ref%20${REF}%29&cc=a%40example.com`,
  );
});
