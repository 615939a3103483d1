import { expect, test } from 'vitest';
import { countWords, pageText, vocabularyByLanguage } from '../../src/content-model/search-vocabulary.ts';

test('reads a page as its title, its metadata and its Markdown as text, without code blocks, links or markup', () => {
  const markdown = [
    '## Before you start',
    '',
    'Open **Settings** and follow [the guide](/articles/billing-settings/).',
    '',
    '```bash',
    'curl https://api.example/secretword',
    '```',
    '',
    '<Callout type="tip">Schedules repeat</Callout>',
  ].join('\n');
  const words = [...countWords(pageText('Set up recurring invoices', markdown, ['Invoicing', 'how-to'])).keys()];
  expect(words).toEqual([
    'recurring',
    'invoices',
    'invoicing',
    'before',
    'start',
    'open',
    'settings',
    'follow',
    'guide',
    'schedules',
    'repeat',
  ]);
});

test('counts how often each word occurs, across pages', () => {
  const counts = new Map<string, number>();
  countWords('Reset your password.', counts);
  countWords('A forgotten password? Reset it.', counts);
  expect(Object.fromEntries(counts)).toEqual({ reset: 2, your: 1, password: 2, forgotten: 1 });
});

test('keeps each language’s words apart, under its lower-cased code', () => {
  const byLanguage = vocabularyByLanguage([
    { lang: 'en', text: 'Connect a bank account' },
    { lang: 'ru', text: 'Подключите банковский счёт' },
    { lang: 'pt-BR', text: 'Conectar conta bancária' },
    { lang: 'en', text: 'Bank feeds' },
  ]);
  expect([...byLanguage.keys()]).toEqual(['en', 'ru', 'pt-br']);
  expect(Object.fromEntries(byLanguage.get('en')!)).toEqual({ connect: 1, bank: 2, account: 1, feeds: 1 });
  expect(Object.fromEntries(byLanguage.get('ru')!)).toEqual({ подключите: 1, банковский: 1, счёт: 1 });
});
