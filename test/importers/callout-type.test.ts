import type { Element } from 'hast';
import { expect, test } from 'vitest';
import { calloutType, calloutTypeOfColour } from '../../src/importers/callout-type.ts';

const el = (tagName: string, className: string[], style?: string): Element => ({
  type: 'element',
  tagName,
  properties: { className, ...(style ? { style } : {}) },
  children: [],
});

test('reads the kind from the words of class names, the most serious winning', () => {
  expect(calloutType(el('div', ['callout', 'callout--warning']))).toBe('warning');
  expect(calloutType(el('div', ['alert', 'alert-danger']))).toBe('danger');
  expect(calloutType(el('div', ['alert', 'alert-info']))).toBe('note');
  expect(calloutType(el('aside', ['admonition', 'admonition-tip']))).toBe('tip');
  expect(calloutType(el('p', ['note']))).toBe('note');
  expect(calloutType(el('div', ['callout']))).toBe('note');
});

test('ignores Zendesk editor classes, other words and inline elements', () => {
  expect(calloutType(el('p', ['wysiwyg-text-align-center', 'wysiwyg-color-red']))).toBeUndefined();
  expect(calloutType(el('div', ['footnote', 'tooltip']))).toBeUndefined();
  expect(calloutType(el('span', ['note']))).toBeUndefined();
});

test('reads the kind of an Intercom callout from its background colour', () => {
  const intercom = (style: string) => calloutType(el('div', ['intercom-interblocks-callout'], style));
  expect(intercom('background-color: #e3e7fa80; border-color: #334bfa33;')).toBe('note');
  expect(intercom('background-color: #feedaf80; border-color: #fbc91633;')).toBe('warning');
  expect(intercom('background-color: #fed9db80; border-color: #f2323233;')).toBe('danger');
  expect(intercom('background-color: #d7efdc80; border-color: #0bb34e33;')).toBe('tip');
  expect(calloutType(el('div', ['intercom-interblocks-callout']))).toBe('note');
});

test('takes grey, short hex and rgb() colours', () => {
  expect(calloutTypeOfColour('background-color: #f1f1f1')).toBe('note');
  expect(calloutTypeOfColour('background-color: #fc0')).toBe('warning');
  expect(calloutTypeOfColour('background: rgba(220, 38, 38, 0.1)')).toBe('danger');
});
