/** An article's text, null when the folder has no such file, or why it is refused. */
export type ArticleText = string | null | { refused: string };

const normalize = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Whether a quote appears verbatim in an article, whitespace aside. Pure. */
export const quoteAppearsIn = (body: string, quote: string) => normalize(body).includes(normalize(quote));

/** Every event says how it is known: reported, from outside the articles, inferred, or hypothetical. */
export const MISSING_SOURCE =
  'missing "source" (article and verbatim quote); a fact from outside the articles has "outside" (outlet, date, address), an inference "inferred" (from what), an event that did not happen "hypothetical"';
