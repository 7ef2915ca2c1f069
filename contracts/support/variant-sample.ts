import { seededRandom } from '../../src/seeded-random.js';
import { BOUNDARY_ONE_DRAW_IN } from '../../src/contract/boundary-values.js';
import type { CallOptions } from '../../src/contract/suite-context.js';

/** An invalid variant of a valid request, what it broke, and whether that is one of the schema's bounds. */
export interface InvalidRequest {
  readonly broke: string;
  readonly bound: boolean;
  readonly options: CallOptions;
}

/**
 * The most variants one run sends. A binding has some forty (a dozen fields, each with its type, its bounds,
 * its presence); sent all at once, the few operations with large bodies would make most of the suite's requests.
 */
export const MAX_VARIANTS_PER_RUN = 12;

/**
 * At most MAX_VARIANTS_PER_RUN of `variants`, chosen from the run's `draw` alone (so that a shrunk or
 * replayed run sends the same ones): the bound variants and the others, each shuffled, taken in turn. In one
 * draw in BOUNDARY_ONE_DRAW_IN, every bound variant and as many others as there is room for: a body with many
 * bounds (a binding's) has each of them sent within a few runs. Every variant when they fit.
 */
export function sampleVariants(variants: readonly InvalidRequest[], draw: number): InvalidRequest[] {
  if (variants.length <= MAX_VARIANTS_PER_RUN) return [...variants];
  const random = seededRandom(draw);
  const bound = shuffled(variants.filter((v) => v.bound), random);
  const other = shuffled(variants.filter((v) => !v.bound), random);
  const boundFirst = draw % BOUNDARY_ONE_DRAW_IN === 0;
  const chosen: InvalidRequest[] = boundFirst ? bound.splice(0) : [];
  while (chosen.length < MAX_VARIANTS_PER_RUN) {
    const next = chosen.length % 2 === 0 ? (bound.shift() ?? other.shift()) : (other.shift() ?? bound.shift());
    chosen.push(next!);
  }
  // In the order they were listed: a run's findings come in a stable order.
  return variants.filter((v) => chosen.includes(v));
}

function shuffled<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}
