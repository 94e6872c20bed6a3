/**
 * Reading numbers out of what a caller said or typed: "my code is 12 34 56", "one two three four
 * five six", "+1 (202) 555-0143", "cuatro cinco seis".
 * @module
 */

/** Lower case, accents removed, apostrophes of all kinds unified. */
export function fold(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[’‘`´]/g, "'").toLowerCase();
}

/** Words (letters and digits) of folded text. */
export function words(s: string): string[] {
  return fold(s).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/**
 * The longest run of digits in `input`, where digits may be typed ("12 34 56", "202-555-0143"),
 * spoken as words of the locale (`digitWords[d]` lists the words for digit d), or mixed. Separators
 * between digits (spaces, dashes, dots, parentheses) do not break a run; any other word does.
 * Returns "" when there is no digit.
 */
export function digitRun(input: string, digitWords: string[][]): string {
  const wordToDigit = new Map<string, string>();
  digitWords.forEach((ws, d) => ws.forEach((w) => wordToDigit.set(w, String(d))));
  let best = '';
  let cur = '';
  for (const token of fold(input).split(/[\s\-.,()/+#*]+/)) {
    if (!token) continue;
    const d = /^\d+$/.test(token) ? token : wordToDigit.get(token);
    if (d !== undefined) {
      cur += d;
      if (cur.length > best.length) best = cur;
    } else {
      // "my code is 123456" and "le code est 123456" split the number from the words; digits glued to
      // letters ("code:123456") still count.
      const glued = /\d+/.exec(token)?.[0] ?? '';
      cur = glued;
      if (cur.length > best.length) best = cur;
      if (!/\d$/.test(token)) cur = '';
    }
  }
  return best;
}

/**
 * True when `input` contains one of `phrases` as whole words ("agent" matches "an agent please",
 * not "urgent"); both sides are folded and split into words, so "don't" and "dont" both work.
 */
export function mentionsWords(input: string, phrases: string[]): boolean {
  const text = ` ${words(input).join(' ')} `;
  return phrases.some((p) => {
    const w = words(p).join(' ');
    return w !== '' && text.includes(` ${w} `);
  });
}

/** True when `input` contains one of `phrases` (already folded), e.g. "send me a new code". */
export function mentions(input: string, phrases: string[]): boolean {
  const f = fold(input);
  return phrases.some((p) => f.includes(p));
}
