/**
 * The search vocabulary: every word of four letters or more that the published pages hold (title, headings, body), with
 * how often, per language, written as the files the browser's typo correction loads.
 */
import { readFileSync } from 'node:fs';
import { parseFrontmatter } from 'astro/markdown';
import { vocabularyWords } from '../domain/vocabulary-words.ts';
import { INDEX_FILE, languageKey, pieceFile } from '../domain/vocabulary-piece-keys.ts';
import type { Doc } from './catalog.ts';
import { inlineToText, linesOutsideCode } from './plain-text.ts';
import { splitVocabulary } from './vocabulary-split.ts';

/**
 * The text a reader searches on a page: its title and what else Pagefind finds it by (its metadata: category, type,
 * aliases, synonyms), then its Markdown as plain text (headings included, code left out).
 */
export function pageText(title: string, markdown: string, metadata: readonly string[] = []): string {
  return [title, ...metadata, inlineToText(linesOutsideCode(markdown).join('\n'))].join('\n');
}

/** Adds the vocabulary words of `text` to `counts`. */
export function countWords(text: string, counts = new Map<string, number>()): Map<string, number> {
  for (const word of vocabularyWords(text)) counts.set(word, (counts.get(word) ?? 0) + 1);
  return counts;
}

/** Counted words per language of the pages (a page's words belong to its own language's index, as in Pagefind). */
export function vocabularyByLanguage(pages: Iterable<{ lang: string; text: string }>): Map<string, Map<string, number>> {
  const byLanguage = new Map<string, Map<string, number>>();
  for (const { lang, text } of pages) {
    const key = languageKey(lang);
    const counts = byLanguage.get(key) ?? new Map<string, number>();
    byLanguage.set(key, countWords(text, counts));
  }
  return byLanguage;
}

/** Each published page's language and text, its body read again from its file (the catalog keeps no bodies), one at a time. */
function* readPages(docs: readonly Doc[]): Generator<{ lang: string; text: string }> {
  for (const doc of docs) {
    const { content } = parseFrontmatter(readFileSync(doc.file, 'utf8'));
    // A word Pagefind finds the page by must be known here too, or the correction would replace it.
    const metadata = [doc.category.title, doc.type, ...doc.aliases, ...doc.synonyms];
    yield { lang: doc.lang, text: pageText(doc.title, content, metadata) };
  }
}

export interface VocabularyFile {
  lang: string;
  /** The file's name without `.json`: the index, or a piece's file name. */
  file: string;
  body: unknown;
}

/** Every vocabulary file of the published pages: per language, the index of its pieces and each piece. */
export function vocabularyFiles(docs: readonly Doc[]): VocabularyFile[] {
  return [...vocabularyByLanguage(readPages(docs))].flatMap(([lang, counts]) => {
    const { index, pieces } = splitVocabulary(counts);
    return [{ lang, file: INDEX_FILE, body: index }, ...[...pieces].map(([key, piece]) => ({ lang, file: pieceFile(key), body: piece }))];
  });
}
