import type { ReactNode } from 'react';

/**
 * The words of a web-search query (`photovoltaic film`, `"adhesive film"`, `film -packaging`,
 * `photoresist or lithography`) that a hit contains: quoted phrases and single words, without
 * `or` and without excluded (`-word`) terms, lower case.
 */
export function queryTerms(query: string): string[] {
  const terms: string[] = [];
  const pattern = /(-?)"([^"]+)"|(-?)(\S+)/g;
  for (const match of query.matchAll(pattern)) {
    const excluded = (match[1] || match[3]) === '-';
    const term = (match[2] ?? match[4] ?? '').toLowerCase().replace(/[^\p{L}\p{N}\s-]/gu, '');
    if (excluded || !term || term === 'or') continue;
    terms.push(term);
  }
  return terms;
}

/**
 * The stem a term is found by: the search stems words (`films` finds `film`, `degradable`
 * finds `degradation`), so a word matches when it starts with the term's stem. Close enough
 * for showing where a hit matched; the ranking itself is the server's.
 */
function stemOf(term: string): string {
  const stem = term.replace(/(ations?|ing|able|ible|ed|es|s)$/u, '');
  return stem.length >= 3 ? stem : term;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * `text` with every occurrence of `terms` marked: React elements, never HTML strings, so
 * data cannot inject markup. A term of several words matches them as a phrase.
 */
export function Highlight({ text, terms }: { text: string; terms: readonly string[] }): ReactNode {
  const stems = [...new Set(terms.map((term) => term.trim().toLowerCase()).filter(Boolean))]
    .map((term) => term.split(/\s+/).map(stemOf).map(escapeRegExp).join('\\w*[\\s-]+'))
    .sort((a, b) => b.length - a.length);
  if (stems.length === 0) return text;
  const pattern = new RegExp(`((?<![\\p{L}\\p{N}])(?:${stems.join('|')})[\\p{L}\\p{N}]*)`, 'giu');
  // split() with one capturing group alternates: text, match, text, match, …
  return text.split(pattern).map((part, i) => (i % 2 === 1 ? <mark key={i}>{part}</mark> : part));
}
