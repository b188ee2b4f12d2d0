/**
 * Hostile names and log lines put into the comment and the summary end as plain text. The
 * bodies are rendered with markdown-it (CommonMark, GFM tables, linkify for GitHub's
 * autolinks) and the rendered HTML is checked for what GitHub would have turned them into.
 */
import { describe, expect, it } from '@jest/globals';
import MarkdownIt from 'markdown-it';
import { renderComment } from '../../src/budget/comment.js';
import type { ImageVerdict } from '../../src/budget/evaluate.js';
import { markdownTable } from '../../src/budget/report.js';
import { mdCode, mdCodeCell, mdFence, mdText, mdUrl } from '../../src/markdown.js';
import { summaryMarkdown, type ServiceReport } from '../../src/stack/report.js';

const md = new MarkdownIt({ linkify: true });
const ZWSP = /\u200b/g;

/** The text a reader sees, for a rendered fragment. */
function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(ZWSP, '')
    .trim();
}

const HOSTILE = [
  ['a mention', '@octocat please approve'],
  ['a team mention', '@org/team'],
  ['a heading', '# Approved by security'],
  ['a link', '[click](https://evil.example)'],
  ['an image', '![x](https://evil.example/x.png)'],
  ['a bare URL', 'see https://evil.example/now'],
  ['a www link', 'www.evil.example'],
  ['HTML', '<img src=x onerror=alert(1)><b>bold</b>'],
  ['a details block', '</summary></details><h1>x</h1>'],
  ['a pipe', 'a | b | c'],
  ['emphasis', '**bold** _it_ ~~gone~~'],
  ['a code span', '`code` and ``more``'],
  ['a comment', '<!-- deploy-action:image-sizes -->'],
  ['a newline heading', 'line\n## Heading\n- item'],
  ['an entity', '&amp; &lt;'],
  ['a backslash', 'C:\\path\\'],
] as const;

describe('mdText', () => {
  it.each(HOSTILE)('renders %s as its own characters', (_, text) => {
    const html = md.renderInline(mdText(text));
    expect(html).not.toMatch(/<(a|img|h\d|b|strong|em|s|code|details)\b/);
    expect(textOf(html)).toBe(text.replace(/\n/g, ' '));
  });

  it.each(HOSTILE)('keeps %s inside one table cell', (_, text) => {
    const html = md.render(`| a | b |\n|---|---|\n| ${mdText(text)} | end |\n`);
    const cells = [...html.matchAll(/<td>([\s\S]*?)<\/td>/g)].map((m) => m[1]!);
    expect(cells).toHaveLength(2);
    expect(textOf(cells[0]!)).toBe(text.replace(/\n/g, ' '));
    expect(cells[1]).toBe('end');
  });

  it('breaks mentions and autolinks with an invisible character only', () => {
    expect(mdText('@octocat')).toBe('@\u200boctocat');
    expect(mdText('plain-name.v2')).toBe('plain-name.v2');
  });
});

describe('code spans and fences', () => {
  it.each([
    ['no backtick', 'RUN apt-get install', 1],
    ['one backtick', 'echo `date`', 2],
    ['two backticks', 'a `` b', 3],
    ['a leading backtick', '`x', 2],
  ])('sizes the span to %s', (_, text, ticks) => {
    const span = mdCode(text);
    expect(span.startsWith('`'.repeat(ticks))).toBe(true);
    const html = md.renderInline(span);
    expect(html.match(/<code>/g)).toHaveLength(1);
    expect(textOf(html)).toBe(text);
  });

  it('keeps a pipe inside a code span in one table cell', () => {
    const html = md.render(`| a | b |\n|---|---|\n| ${mdCodeCell('x | y')} | end |\n`);
    const cells = [...html.matchAll(/<td>([\s\S]*?)<\/td>/g)].map((m) => m[1]!);
    expect(cells.map(textOf)).toEqual(['x | y', 'end']);
  });

  it.each([
    ['plain text', 'hello'],
    ['a fence inside', '```\nrm -rf /\n```\n# heading'],
    ['a longer fence inside', '`````\nx'],
  ])('fences %s so it cannot end the block early', (_, text) => {
    const html = md.render(`${mdFence(text)}\n\n# after`);
    expect(html.match(/<pre>/g)).toHaveLength(1);
    expect(html).toContain('<h1>after</h1>');
    expect(html.match(/<h1>/g)).toHaveLength(1);
  });

  it.each([
    ['https://github.com/o/r/actions/runs/1', 'https://github.com/o/r/actions/runs/1'],
    ['javascript:alert(1)', undefined],
    ['https://x.example/a) [b](c', 'https://x.example/a%29%20[b]%28c'],
  ])('takes %s as a link target: %s', (url, expected) => {
    expect(mdUrl(url)).toBe(expected);
  });
});

describe('bodies with hostile names', () => {
  const name = 'web\n## Approved @octocat | [x](https://evil.example)';
  const verdict: ImageVerdict = {
    service: name,
    image: 'ghcr.io/o/r/web:`x`|y',
    size: 600e6,
    budget: 500e6,
    status: 'over-budget',
    topLayers: [{ instruction: 'RUN echo ``` | tee <b>', size: 500e6 }],
  };

  function assertPlain(body: string) {
    const html = md.render(body);
    expect(html).not.toMatch(/<h[1-6]>(?!📦)[^<]*Approved/);
    expect(html).not.toContain('href="https://evil.example');
    expect(html).not.toMatch(/@octocat/);
    expect(html).not.toContain('<b>');
  }

  it('the PR comment', () => {
    const body = renderComment({ current: [verdict], baseRef: 'main', growthThreshold: 0.05 });
    assertPlain(body);
    // The size table (head, row, total) and the layers table (head, row).
    expect(md.render(body).match(/<tr>/g)).toHaveLength(5);
  });

  it('the size table of the job summary', () => {
    const html = md.render(markdownTable([verdict]));
    assertPlain(markdownTable([verdict]));
    expect([...html.matchAll(/<td[^>]*>/g)]).toHaveLength(6);
  });

  it('the stack summary', () => {
    const report: ServiceReport = {
      service: name,
      state: 'exited',
      health: 'unhealthy',
      secondsToHealthy: null,
      migrationExitCode: null,
      migrationRan: false,
      error: 'log said: # Approved\n@octocat <b>ok</b> | https://evil.example',
    };
    const body = summaryMarkdown('da-`1`', [report]);
    assertPlain(body);
    expect([...md.render(body).matchAll(/<td[^>]*>/g)]).toHaveLength(5);
  });
});
