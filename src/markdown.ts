/**
 * Strings put into the PR comment and the job summary, escaped so a service name or a log line
 * is shown as the characters it is: no mention, no heading, no link, no HTML, no broken table.
 * GitHub renders GitHub Flavored Markdown (https://github.github.com/gfm/): backslash escapes
 * any ASCII punctuation (section 2.4), `|` splits a table cell even inside a code span unless
 * escaped (section 4.10), a code span or fence ends at the first run of as many backticks
 * (sections 6.1 and 4.5). Mentions and autolinks are found in the rendered text, after the
 * escapes are gone, so they are broken with an invisible U+200B instead.
 */

const ZWSP = '\u200b';
const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Inline text: one line, every markdown and HTML construct shown literally. */
export function mdText(text: string): string {
  return flatten(text)
    .replace(/:\/\//g, `:${ZWSP}//`)
    .replace(/[\\`*_{}[\]()#|~]/g, '\\$&')
    .replace(/[&<>"]/g, (c) => HTML[c]!)
    .replace(/@/g, `@${ZWSP}`)
    .replace(/\bwww\\\./gi, (m) => `${m.slice(0, 3)}${ZWSP}${m.slice(3)}`);
}

/** An inline code span that holds any text: the backtick fence is longer than any run inside. */
export function mdCode(text: string): string {
  return codeSpan(flatten(text).replace(/@/g, `@${ZWSP}`));
}

/** A code span inside a table cell: as mdCode, with `|` escaped (GFM 4.10 example 200). */
export function mdCodeCell(text: string): string {
  return codeSpan(flatten(text).replace(/@/g, `@${ZWSP}`)).replace(/\|/g, '\\|');
}

/** A fenced block of any text: the fence is longer than any backtick run in it, at least 3. */
export function mdFence(text: string, info = ''): string {
  const fence = '`'.repeat(Math.max(3, longestRun(text, '`') + 1));
  return `${fence}${info}\n${text.replace(/\n$/, '')}\n${fence}`;
}

/** An http(s) URL as a link target, or undefined: anything else must not become a link. */
export function mdUrl(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
    return parsed.href.replace(/[()<> ]/g, (c) => `%${c.charCodeAt(0).toString(16)}`);
  } catch {
    return undefined;
  }
}

function codeSpan(text: string): string {
  if (text === '') return '` `';
  const ticks = '`'.repeat(longestRun(text, '`') + 1);
  // A space each side keeps a leading or trailing backtick out of the fence (GFM 6.1).
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${text}${pad}${ticks}`;
}

function flatten(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\r\n|[\r\n\u2028\u2029]/g, ' ').replace(/[\u0000-\u001f\u007f]/g, '');
}

function longestRun(text: string, char: string): number {
  let longest = 0;
  let run = 0;
  for (const c of text) {
    run = c === char ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return longest;
}
