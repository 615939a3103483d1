/** "2 December 2026" in the page's language, the way an article's facts line shows its date. */

// One formatter per language: toLocaleDateString builds one per call, a measurable part of rendering 10,000 pages.
const formatters = new Map<string, Intl.DateTimeFormat>();

export function dateLabel(date: Date, lang: string): string {
  let format = formatters.get(lang);
  if (!format)
    formatters.set(lang, (format = new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' })));
  return format.format(date);
}
