import { redact } from '../contract/response-checks.js';

/** Shorter values (`on`, `yes`) are too common to mask wherever they appear: a report would lose its words. */
export const SHORTEST_MASKED = 4;

/** How a known secret reads in a report: the ends of a long one (`pg-…81`, as secret_non_disclosure names it), nothing of a short one. */
export function masked(secret: string): string {
  return secret.length < 8 ? '***' : redact(secret);
}

/**
 * Masks the known secret values (keys, credentials) wherever a text holds them: as written, JSON-escaped, and
 * percent- or form-encoded (a key in a query string, a password in a form). Built once for a report, its forms
 * indexed by their first characters so that a text is read once whatever the number of secrets; the longest form that
 * starts at a place is masked, so that a secret is masked whole where a shorter one lies inside it.
 */
export class SecretMask {
  private readonly masks = new Map<string, string>();
  /** The first SHORTEST_MASKED characters of each form → the forms that start with them, longest first. */
  private readonly byStart = new Map<string, string[]>();
  private readonly longest: number;

  /** `notSecret`: values never masked (the contract's own words: contract-vocabulary.ts). */
  constructor(secrets: Iterable<string>, notSecret: ReadonlySet<string> = new Set()) {
    const longestFirst = [...new Set(secrets)].filter((secret) => secret.length >= SHORTEST_MASKED && !notSecret.has(secret)).sort((a, b) => b.length - a.length);
    for (const secret of longestFirst) {
      for (const form of formsOf(secret)) if (!this.masks.has(form)) this.masks.set(form, masked(secret));
    }
    const forms = [...this.masks.keys()].sort((a, b) => b.length - a.length);
    for (const form of forms) {
      const start = form.slice(0, SHORTEST_MASKED);
      const sharing = this.byStart.get(start);
      if (sharing) sharing.push(form);
      else this.byStart.set(start, [form]);
    }
    this.longest = forms[0]?.length ?? 0;
  }

  /**
   * The text with every known secret masked. `cut`: the text is an excerpt cut short, whose last characters may be
   * the start of a secret (a prefix of 4 characters or more is masked too).
   */
  mask(text: string, cut = false): string {
    if (!this.masks.size) return text;
    const parts: string[] = [];
    let copied = 0;
    for (let i = 0; i + SHORTEST_MASKED <= text.length; ) {
      const form = this.byStart.get(text.slice(i, i + SHORTEST_MASKED))?.find((candidate) => text.startsWith(candidate, i));
      if (form === undefined) {
        i++;
        continue;
      }
      parts.push(text.slice(copied, i), this.masks.get(form)!);
      copied = i += form.length;
    }
    parts.push(text.slice(copied));
    const masked = parts.join('');
    return cut ? this.maskTail(masked) : masked;
  }

  /** The text with its end masked when it is the start of a secret (the longest such end). */
  private maskTail(text: string): string {
    for (let length = Math.min(text.length, this.longest - 1); length >= SHORTEST_MASKED; length--) {
      const end = text.slice(text.length - length);
      if (this.byStart.get(end.slice(0, SHORTEST_MASKED))?.some((form) => form.length > length && form.startsWith(end))) return `${text.slice(0, text.length - length)}***`;
    }
    return text;
  }
}

/** The ways a value is written in a URL, a form or a JSON body. */
function formsOf(secret: string): string[] {
  const percent = encodeURIComponent(secret);
  return [secret, JSON.stringify(secret).slice(1, -1), percent, percent.replace(/%20/g, '+')];
}
