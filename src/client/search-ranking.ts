/**
 * How Pagefind ranks matches in the metadata the build adds to a page (src/components/SearchTerms.astro). Since Pagefind
 * 1.5 metadata is searched, and a match adds a boost by its field's weight in `ranking.metaWeights`: 1 unless set, 5
 * for the title. A match in the body weighs by its element (`data-pagefind-weight`; the article's <h1> is 10).
 */
export const SEARCH_RANKING = {
  metaWeights: {
    // Pagefind's own default, written down so the weights below read against it.
    title: 5,
    // A name readers use for the subject: nearly a title, but a page whose title it is comes first.
    aliases: 4,
    // Another word for one in the page's title: the page is about it, so it ranks like a page using the word in its body.
    title_synonyms: 1,
    // Another word for one in the page's text: enough to find the page, too little to put it above pages using the reader's own word.
    synonyms: 0.2,
  },
};
