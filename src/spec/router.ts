import type { SpecOperation } from './operations.js';

type Segment = { literal: string } | { param: string };

interface Route {
  readonly segments: readonly Segment[];
  readonly literalCount: number;
  readonly byMethod: ReadonlyMap<string, SpecOperation>;
}

export type RouteMatch =
  | { kind: 'operation'; operation: SpecOperation; params: Record<string, string> }
  | { kind: 'method_not_allowed'; allow: string[] }
  | { kind: 'not_found' }
  | { kind: 'bad_path_encoding'; param: string };

/**
 * Routes paths (relative to the base path) to the contract's operations. Templates with more literal
 * segments win, as OpenAPI asks: `/integrations/catalog` before `/integrations/{kind}`.
 */
export class Router {
  private readonly routes: Route[];

  constructor(operations: readonly SpecOperation[]) {
    const byTemplate = new Map<string, Map<string, SpecOperation>>();
    for (const operation of operations) {
      const methods = byTemplate.get(operation.pathTemplate) ?? new Map<string, SpecOperation>();
      methods.set(operation.method.toUpperCase(), operation);
      byTemplate.set(operation.pathTemplate, methods);
    }
    this.routes = [...byTemplate].map(([template, byMethod]) => {
      const segments = splitPath(template).map((part): Segment => {
        const param = /^\{(.+)\}$/.exec(part)?.[1];
        return param ? { param } : { literal: part };
      });
      return { segments, literalCount: segments.filter((s) => 'literal' in s).length, byMethod };
    });
    this.routes.sort((a, b) => b.literalCount - a.literalCount);
  }

  match(method: string, path: string): RouteMatch {
    const parts = splitPath(path);
    for (const route of this.routes) {
      if (route.segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      const matched = route.segments.every((segment, i) => {
        const part = parts[i]!;
        if ('literal' in segment) return segment.literal === part;
        params[segment.param] = part;
        return true;
      });
      if (!matched) continue;
      const operation = route.byMethod.get(method);
      if (!operation) {
        const methods = [...route.byMethod.keys()];
        return { kind: 'method_not_allowed', allow: [...methods, ...(methods.includes('GET') ? ['HEAD'] : []), 'OPTIONS'] };
      }
      for (const [name, raw] of Object.entries(params)) {
        try {
          params[name] = decodeURIComponent(raw);
        } catch {
          return { kind: 'bad_path_encoding', param: name };
        }
      }
      return { kind: 'operation', operation, params };
    }
    return { kind: 'not_found' };
  }
}

function splitPath(path: string): string[] {
  return path.split('/').filter((part) => part !== '');
}
