// Holds the scenario to the document: every operation it declares must have been called and
// answered with a success, and every error status it declares must have been produced somewhere.
import { readFileSync } from "node:fs";
import type { Exchange } from "./recorder.js";

/** Statuses no outside client can provoke without breaking the server; integration tests cover them. */
export const UNPROVOKABLE = new Set([500, 503]);

interface Operation {
  method: string;
  template: string;
  pattern: RegExp;
  statuses: number[];
}

export interface Coverage {
  operations: number;
  unmatched: Exchange[];
  neverSucceeded: string[];
  errorStatusesMissing: number[];
  /** Documented (operation, error status) pairs the scenario did not produce: reported, not failed. */
  pairsMissing: string[];
}

export function loadOperations(documentPath: string): Operation[] {
  const document: unknown = JSON.parse(readFileSync(documentPath, "utf8"));
  const paths: unknown = typeof document === "object" && document !== null ? Reflect.get(document, "paths") : undefined;
  if (typeof paths !== "object" || paths === null) throw new Error(`${documentPath} has no paths`);
  const operations: Operation[] = [];
  for (const [template, item] of Object.entries(paths)) {
    if (typeof item !== "object" || item === null) continue;
    for (const [method, operation] of Object.entries(item)) {
      if (!["get", "head", "post", "put", "patch", "delete"].includes(method)) continue;
      const responses: unknown = typeof operation === "object" && operation !== null ? Reflect.get(operation, "responses") : undefined;
      const statuses = Object.keys(typeof responses === "object" && responses !== null ? responses : {})
        .map(Number)
        .filter(Number.isInteger);
      const pattern = new RegExp("^" + template.replace(/\{[^}]+\}/g, "[^/]+") + "$");
      operations.push({ method: method.toUpperCase(), template, pattern, statuses });
    }
  }
  return operations;
}

export function measure(operations: Operation[], exchanges: Exchange[]): Coverage {
  const seen = new Map<Operation, Set<number>>();
  const unmatched: Exchange[] = [];
  for (const exchange of exchanges) {
    const path = exchange.path.split("?")[0] ?? "";
    const operation = operations.find((o) => o.method === exchange.method && o.pattern.test(path));
    if (!operation) {
      unmatched.push(exchange);
      continue;
    }
    const statuses = seen.get(operation) ?? new Set<number>();
    statuses.add(exchange.status);
    seen.set(operation, statuses);
  }
  const name = (o: Operation) => `${o.method} ${o.template}`;
  const produced = new Set(exchanges.map((e) => e.status));
  const documentedErrors = new Set(operations.flatMap((o) => o.statuses).filter((s) => s >= 400));
  return {
    operations: operations.length,
    unmatched,
    neverSucceeded: operations.filter((o) => ![...(seen.get(o) ?? [])].some((s) => s < 300)).map(name),
    errorStatusesMissing: [...documentedErrors].filter((s) => !produced.has(s) && !UNPROVOKABLE.has(s)).sort(),
    pairsMissing: operations.flatMap((o) =>
      o.statuses.filter((s) => s >= 400 && !UNPROVOKABLE.has(s) && !seen.get(o)?.has(s)).map((s) => `${name(o)} ${s}`)),
  };
}
