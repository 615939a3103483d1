/**
 * Frontmatter for imported articles as YAML: plain where a writer would write it plainly, double-quoted wherever YAML
 * could read something else (a colon, a quote, a `#`, a word YAML takes for true, a number or a date).
 */

/** A Date is written as its UTC day, unquoted, as writers write `updated: 2026-10-14`. */
export type FrontmatterValue = string | boolean | Date | string[] | undefined;

// YAML 1.1 (js-yaml, which Astro uses) reads these as booleans or null; quoting keeps them text.
const KEYWORDS = /^(?:true|false|yes|no|on|off|y|n|null|~)$/i;
// Numbers (1.5, 1e3, 0x1F, .inf) and dates or times would become something other than text.
const NUMBER_OR_DATE =
  /^(?:[-+]?(?:\d[\d_]*)?\.?\d*(?:e[-+]?\d+)?|0x[\da-f]+|0o[0-7]+|[-+]?\.(?:inf|nan)|\d{4}-\d\d?-\d\d?(?:[T ].*)?|\d+(?::\d+)+)$/i;

/** Whether text can be written unquoted; in a flow list (`[a, b]`) commas and brackets also need quotes. */
function isPlain(text: string, inList: boolean): boolean {
  if (!text || text !== text.trim() || KEYWORDS.test(text) || NUMBER_OR_DATE.test(text)) return false;
  // A plain scalar starts with a letter, a digit or "/" (not an indicator such as - ? : , [ ] { } # & * ! | > ' " % @ `).
  if (!/^[\p{L}\p{N}/]/u.test(text)) return false;
  if (/[\p{Cc}\p{Cf}\u2028\u2029"\\]/u.test(text) || /:\s|:$|\s#/.test(text)) return false;
  return !(inList && /[,[\]{}]/.test(text));
}

// JSON's double-quoted strings are YAML's double-quoted strings: every escape JSON writes, YAML reads the same way.
const scalar = (text: string, inList = false) => (isPlain(text, inList) ? text : JSON.stringify(text));

/** `{ title: 'Billing: "pro rata"', tags: ['a'] }` → `title: "Billing: \"pro rata\""\ntags: [a]\n`; undefined fields are left out. */
export function frontmatterYaml(fields: Record<string, FrontmatterValue>): string {
  const lines: string[] = [];
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    if (typeof value === 'boolean') lines.push(`${key}: ${value}`);
    else if (value instanceof Date) lines.push(`${key}: ${value.toISOString().slice(0, 10)}`);
    else if (Array.isArray(value)) lines.push(`${key}: [${value.map((v) => scalar(v, true)).join(', ')}]`);
    else lines.push(`${key}: ${scalar(value)}`);
  }
  return `${lines.join('\n')}\n`;
}
