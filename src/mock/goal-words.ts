// Plain-language goals and schema names meet as words: both sides go through the same folding, so "Customers",
// `customer_id` and "customer's" all give `customer`. Crude on purpose: the mock must be predictable, not clever.

const STOP_WORDS = new Set(
  (
    'a an the by of to for in on at and or with from into my our your their his her its is are was be been up it me we ' +
    'you they this that these those what which who whom when where how all any some each do does get give show tell let ' +
    'can could should would will please want need use using via about as if then than so no not one'
  ).split(' '),
);

/** A word without its plural ending: `entries` → `entry`, `boxes` → `box`, `orders` → `order` (`address` stays). */
function singular(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (/(?:ch|sh|ss|x)es$/.test(word)) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/** The words of a goal or an identifier: camelCase and snake_case split, lower-cased, singular, no stop words. */
export function wordsOf(text: string): string[] {
  return text
    .replace(/e-mail/gi, 'email')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter((word) => word.length > 1 && !STOP_WORDS.has(word))
    .map(singular);
}

/** An identifier in snake_case: `findCustomersByEmail` → `find_customers_by_email`, `calendarId` → `calendar_id`. */
export function snakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9_]+/g, '_')
    .toLowerCase();
}
