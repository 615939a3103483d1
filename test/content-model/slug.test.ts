import { expect, test } from 'vitest';
import { folderFromPath, slugFromPath, slugify } from '../../src/content-model/slug.ts';

test('turns an exported file name with spaces and punctuation into a clean slug', () => {
  expect(slugFromPath('Account & Security/How do I reset my password?.md')).toBe('how-do-i-reset-my-password');
  expect(slugFromPath('Getting Started/Run the agent: custom port (v2).md')).toBe('run-the-agent-custom-port-v2');
});

test('folds accents and drops apostrophes', () => {
  expect(slugify("Qu'est-ce qu'une facture récurrente ?")).toBe('quest-ce-quune-facture-recurrente');
  expect(slugify('Don’t see your bank?')).toBe('dont-see-your-bank');
});

test('keeps letters of scripts without an ASCII form', () => {
  expect(slugify('重置密码')).toBe('重置密码');
  expect(slugify('Подключить банк')).toBe('подключить-банк');
});

test('returns an empty slug when nothing is left, so the caller can ask for one', () => {
  expect(slugify('???')).toBe('');
});

test('gives the folder of a file relative to its collection', () => {
  expect(folderFromPath('billing/refunds/partial.md')).toBe('billing/refunds');
  expect(folderFromPath('top.md')).toBe('');
});
