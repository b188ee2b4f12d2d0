/**
 * A secret in every shape a platform may echo it back: as given, upper- and lower-cased,
 * base64 and base64url (a Basic auth header, a JWT part), URL-encoded (a query string). Each
 * shape is registered with the runner's masker, and `scrub` replaces any of them, and any long
 * prefix of them (a message cut at a width), in text we print. Pure: no @actions/* import, the
 * caller passes `core.setSecret` in.
 */

/** A prefix this long of a secret is taken as the secret: short ones match ordinary words. */
export const PREFIX_MIN = 12;
/** Secrets shorter than this are not scrubbed by prefix or by case: too many false hits. */
const SHAPES_MIN = 8;
export const MASK = '***';

/** The distinct shapes of one secret, longest first; empty for an empty secret. */
export function secretForms(secret: string): string[] {
  if (secret === '') return [];
  const forms = [secret];
  if (secret.length >= SHAPES_MIN) {
    const bytes = Buffer.from(secret, 'utf8');
    forms.push(
      secret.toUpperCase(),
      secret.toLowerCase(),
      bytes.toString('base64'),
      bytes.toString('base64').replace(/=+$/, ''),
      bytes.toString('base64url'),
      encodeURIComponent(secret),
      encodeURIComponent(secret).toLowerCase(),
    );
  }
  return [...new Set(forms)].sort((a, b) => b.length - a.length);
}

export interface Scrubber {
  /** Every shape of every secret, as registered with the masker. */
  readonly forms: readonly string[];
  scrub(text: string): string;
}

/**
 * Registers each shape of each secret (`register` is `core.setSecret` under the runner) and
 * returns the scrubber for messages that come from a platform.
 */
export function secretScrubber(
  secrets: readonly string[],
  register: (form: string) => void = () => {},
): Scrubber {
  const forms = [...new Set(secrets.flatMap(secretForms))].sort((a, b) => b.length - a.length);
  forms.forEach((form) => register(form));
  const long = forms.filter((form) => form.length >= PREFIX_MIN);
  return { forms, scrub: (text) => scrubText(text, forms, long) };
}

function scrubText(text: string, forms: readonly string[], long: readonly string[]): string {
  let clean = text;
  for (const form of forms) clean = clean.split(form).join(MASK);
  return long.length === 0 ? clean : scrubPrefixes(clean, long);
}

/**
 * A run of secret-alphabet characters that starts like a secret for PREFIX_MIN characters or
 * more is masked whole (it is the secret cut short, or the secret run into other text).
 */
function scrubPrefixes(text: string, long: readonly string[]): string {
  return text.replace(/[A-Za-z0-9_\-+/=%.~]{12,}/g, (word) => {
    for (let start = 0; start + PREFIX_MIN <= word.length; start++) {
      const at = word.slice(start);
      const hit = long.reduce((best, form) => Math.max(best, commonPrefix(at, form)), 0);
      if (hit >= PREFIX_MIN) return word.slice(0, start) + MASK + at.slice(hit);
    }
    return word;
  });
}

function commonPrefix(a: string, b: string): number {
  const max = Math.min(a.length, b.length);
  let i = 0;
  while (i < max && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}
