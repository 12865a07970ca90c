// Sends the scenario's requests through the validating proxy, one at a time, and keeps for every
// exchange what was expected and what came back. The proxy's violations are attached afterwards
// from its log (prism-log.ts), which lists them request by request in the same order.
import type { Violation } from "./prism-log.js";

export interface Call {
  /** What the step shows, e.g. "the receiver accepts". */
  label: string;
  method: "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE";
  path: string;
  key?: string | null;
  body?: unknown;
  /** Sent as it is, with `contentType`: for malformed or oversized bodies. */
  rawBody?: string;
  contentType?: string;
  headers?: Record<string, string>;
  /** The status (or any of the statuses) the API must answer. */
  expect: number | readonly number[];
  /** The request breaks the document on purpose, so request violations are expected of it. */
  badInput?: boolean;
  /** The proxy must flag this request: proof that it validates at all and that its log is read. */
  mustBeFlagged?: boolean;
}

export interface Exchange {
  label: string;
  method: string;
  path: string;
  status: number;
  expected: readonly number[];
  badInput: boolean;
  mustBeFlagged: boolean;
  /** The start of the answer's body, shown when the status was not the expected one. */
  bodyStart: string;
  /** The `type` of an application/problem+json answer. */
  problemType: string | undefined;
  requestViolations: Violation[];
  responseViolations: Violation[];
}

export interface Answer {
  status: number;
  headers: Headers;
  json: Record<string, unknown>;
}

export class Recorder {
  readonly exchanges: Exchange[] = [];

  constructor(private readonly baseUrl: string) {}

  async send(call: Call): Promise<Answer> {
    const headers: Record<string, string> = { Accept: "application/json", ...call.headers };
    if (call.key) headers["Authorization"] = `Bearer ${call.key}`;
    let body: string | undefined;
    if (call.rawBody !== undefined) {
      body = call.rawBody;
      headers["Content-Type"] = call.contentType ?? "application/json";
    } else if (call.body !== undefined) {
      body = JSON.stringify(call.body);
      headers["Content-Type"] = "application/json";
    }
    const init: RequestInit = { method: call.method, headers };
    if (body !== undefined) init.body = body;
    const response = await fetch(this.baseUrl + call.path, init);
    const text = await response.text();
    const json = parseObject(text);
    const problem = response.headers.get("content-type")?.startsWith("application/problem+json") ? json["type"] : undefined;
    this.exchanges.push({
      label: call.label,
      method: call.method,
      path: call.path,
      status: response.status,
      expected: typeof call.expect === "number" ? [call.expect] : call.expect,
      badInput: call.badInput ?? false,
      mustBeFlagged: call.mustBeFlagged ?? false,
      bodyStart: text.slice(0, 400),
      problemType: typeof problem === "string" ? problem : undefined,
      requestViolations: [],
      responseViolations: [],
    });
    return { status: response.status, headers: response.headers, json };
  }

  /** Sends the call and returns one string property of the answer, failing the run without it. */
  async sendFor(call: Call, property: string): Promise<string> {
    const answer = await this.send(call);
    const value = answer.json[property];
    if (typeof value !== "string") {
      throw new Error(`${call.label}: ${call.method} ${call.path} answered ${answer.status} without "${property}"`);
    }
    return value;
  }
}

function parseObject(text: string): Record<string, unknown> {
  // An NDJSON answer (the export) is several objects, one per line: not one object to read.
  if (!text.trim().startsWith("{") || text.trim().includes("\n")) return {};
  const parsed: unknown = JSON.parse(text);
  return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? { ...parsed } : {};
}

/** The first item's string property of a `{ items: [...] }` page. */
export function firstItem(answer: Answer, property: string): string {
  const items = answer.json["items"];
  const first: unknown = Array.isArray(items) ? items[0] : undefined;
  const value: unknown = typeof first === "object" && first !== null ? Reflect.get(first, property) : undefined;
  if (typeof value === "string") return value;
  throw new Error(`no items[0].${property} in an answer with status ${answer.status}`);
}
