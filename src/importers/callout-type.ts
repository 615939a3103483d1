/**
 * Which exported HTML is a callout, and of which kind. Neither provider's HTML has one agreed form, so the rules are:
 *
 * - Intercom's editor writes `<div class="intercom-interblocks-callout" style="background-color: …">`: the kind is the
 *   colour's hue (red → danger, orange and yellow → warning, green → tip, blue, purple or grey → note).
 * - Zendesk's editor has no callout block (its `wysiwyg-*` classes are colours, sizes and alignment, and are dropped);
 *   themes style callouts by class instead, as Bootstrap's `alert alert-info` or Docusaurus' `admonition` do. A `div`,
 *   `aside`, `section`, `p` or `blockquote` whose class names hold one of the words below is a callout, the most
 *   serious kind named winning; `callout`, `alert`, `admonition` or `notice` alone make a note.
 *
 * A bold "Note:" at the start of a plain paragraph stays a paragraph: only markup that says it is a callout becomes one.
 */
import type { Element } from 'hast';

export type CalloutType = 'note' | 'tip' | 'warning' | 'danger';

const CONTAINERS = new Set(['div', 'aside', 'section', 'p', 'blockquote']);
const INTERCOM_CALLOUT = 'intercom-interblocks-callout';

// Most serious first: `alert alert-danger` is a danger, not the note `alert` alone would be.
const WORDS: [CalloutType, string[]][] = [
  ['danger', ['danger', 'error', 'critical']],
  ['warning', ['warning', 'warn', 'caution', 'important', 'attention']],
  ['tip', ['tip', 'hint', 'success']],
  ['note', ['note', 'info', 'information', 'callout', 'alert', 'admonition', 'notice']],
];

// rehype-parse gives `class` as a list of names.
const classNames = (element: Element): string[] =>
  Array.isArray(element.properties.className) ? element.properties.className.map(String) : [];

/** `#fed9db80`, `#fc0`, `rgb(254 217 219 / 50%)`, `rgba(254, 217, 219, 0.5)` → [r, g, b]; anything else → undefined. */
function backgroundRgb(style: string): [number, number, number] | undefined {
  const value = /background(?:-color)?\s*:\s*([^;]+)/i.exec(style)?.[1]?.trim() ?? '';
  const hex = /^#([0-9a-f]{3,8})$/i.exec(value)?.[1];
  if (hex && (hex.length === 3 || hex.length === 4))
    return [0, 1, 2].map((i) => parseInt(hex[i]!.repeat(2), 16)) as [number, number, number];
  if (hex && (hex.length === 6 || hex.length === 8))
    return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
  const rgb = /^rgba?\(\s*(\d+)[\s,]+(\d+)[\s,]+(\d+)/i.exec(value);
  return rgb ? [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])] : undefined;
}

/** The kind a background colour suggests, by hue; a greyish colour (little saturation) is a note. */
export function calloutTypeOfColour(style: string): CalloutType {
  const rgb = backgroundRgb(style);
  if (!rgb) return 'note';
  const [r, g, b] = rgb.map((c) => c / 255) as [number, number, number];
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  if (max - min < 0.04) return 'note';
  const hue =
    max === r
      ? (60 * ((g - b) / (max - min)) + 360) % 360
      : max === g
        ? 60 * ((b - r) / (max - min)) + 120
        : 60 * ((r - g) / (max - min)) + 240;
  if (hue < 20 || hue >= 330) return 'danger';
  if (hue < 70) return 'warning';
  if (hue < 170) return 'tip';
  return 'note';
}

/** The callout kind of an element, or undefined when it is not a callout. */
export function calloutType(element: Element): CalloutType | undefined {
  if (!CONTAINERS.has(element.tagName)) return undefined;
  const classes = classNames(element);
  if (classes.includes(INTERCOM_CALLOUT)) return calloutTypeOfColour(String(element.properties.style ?? ''));
  const words = new Set(classes.flatMap((c) => c.toLowerCase().split(/[-_]+/)));
  return WORDS.find(([, names]) => names.some((n) => words.has(n)))?.[0];
}
