/** Words too common in runbooks and questions to tell passages apart. */
const STOP_WORDS = new Set(
  'a an and are as at be but by can do does for from has have how i if in into is it its my no not of on or so that the their then there these this to up was what when where which while who why will with without you your'.split(
    ' ',
  ),
);

/** A light suffix stripper, so "restarting", "restarted" and "restarts" meet at "restart". */
function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 5 && word.endsWith('ing')) return word.slice(0, -3);
  if (word.length > 4 && word.endsWith('ed')) return word.slice(0, -2);
  if (word.length > 4 && /(?:s|x|ch|sh)es$/.test(word)) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/** Splits CamelCase alert names (KubePodCrashLooping, OOMKilled) into their words. */
function camelParts(word: string): string[] {
  return word.split(/(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/);
}

/**
 * Terms for BM25: lower-cased, stemmed words; a hyphenated or CamelCase name (probe-path-not-found,
 * KubePodNotReady) also counts as one whole term, so asking for the exact name ranks its runbook first.
 */
export function tokenize(text: string): string[] {
  const terms: string[] = [];
  for (const word of text.match(/[A-Za-z0-9]+(?:[-_][A-Za-z0-9]+)*/g) ?? []) {
    const parts = word.split(/[-_]/).flatMap(camelParts);
    if (parts.length > 1) terms.push(word.toLowerCase());
    for (const part of parts) {
      const term = stem(part.toLowerCase());
      if (term.length > 1 && !STOP_WORDS.has(term)) terms.push(term);
    }
  }
  return terms;
}
