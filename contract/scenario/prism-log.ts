// Reads the validating proxy's own log. Prism writes, for each request it receives, a
// "Request received" line and then one "Violation:" line per rule the request or the upstream
// response broke. The scenario sends one request at a time, so the n-th request of the log is the
// scenario's n-th exchange; a mismatch in number or route fails the run rather than guessing.
import { readFileSync } from "node:fs";
import type { Exchange } from "./recorder.js";

export interface Violation {
  /** e.g. ["response", "body", "items", "0", "status"] */
  location: string[];
  severity: "error" | "warning";
  message: string;
}

interface LoggedRequest {
  method: string;
  path: string;
  violations: Violation[];
}

const RECEIVED = /\[HTTP SERVER\] (\w+) (\S+) .*Request received/;
const VIOLATION = /\[VALIDATOR\] \S+\s+(error|warning)\s+Violation: (\S+) (.*)$/;

export function readPrismLog(file: string): LoggedRequest[] {
  const requests: LoggedRequest[] = [];
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const received = RECEIVED.exec(line);
    if (received) {
      requests.push({ method: (received[1] ?? "").toUpperCase(), path: received[2] ?? "", violations: [] });
      continue;
    }
    const violation = VIOLATION.exec(line);
    if (violation) {
      const current = requests.at(-1);
      if (!current) throw new Error(`a violation before any request in ${file}: ${line}`);
      const severity = violation[1] === "warning" ? "warning" : "error";
      current.violations.push({ location: (violation[2] ?? "").split("."), severity, message: violation[3] ?? "" });
    }
  }
  return requests;
}

/** Gives each exchange the violations Prism logged for it; returns what could not be matched. */
export function attachViolations(exchanges: Exchange[], logged: LoggedRequest[]): string[] {
  const problems: string[] = [];
  if (logged.length !== exchanges.length) {
    problems.push(`the proxy logged ${logged.length} requests, the scenario sent ${exchanges.length}`);
  }
  exchanges.forEach((exchange, index) => {
    const entry = logged[index];
    const path = exchange.path.split("?")[0] ?? "";
    if (!entry || entry.method !== exchange.method || entry.path !== path) {
      problems.push(`request ${index + 1} (${exchange.method} ${path}) is logged as ${entry ? `${entry.method} ${entry.path}` : "nothing"}`);
      return;
    }
    exchange.requestViolations = entry.violations.filter((v) => v.location[0] === "request");
    exchange.responseViolations = entry.violations.filter((v) => v.location[0] !== "request");
  });
  return problems;
}
