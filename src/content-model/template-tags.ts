/** Finds the template tags of other generators (Liquid, Hugo shortcodes, Handlebars) that a Markdown page shows as text. */
import { linesOutsideCode } from './plain-text.ts';

// Liquid `{% … %}`, Hugo shortcodes `{{< … >}}` and `{{% … %}}`, and `{{ … }}` expressions.
const TAG = /\{%-?[^\n]*?-?%\}|\{\{[<%][^\n]*?[>%]\}\}|\{\{[^\n]*?\}\}/g;
const INLINE_CODE = /(`+)[^\n]*?\1/g;

/** Each distinct tag outside code blocks and code spans, in order of appearance. */
export function templateTags(markdown: string): string[] {
  const prose = linesOutsideCode(markdown).join('\n').replace(INLINE_CODE, '');
  return [...new Set(prose.match(TAG) ?? [])];
}
