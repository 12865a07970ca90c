// The validating-proxy scenario: drives the API through the proxy, then judges what the proxy saw.
// Fails on any response violation, any request violation on a request that was meant to be valid,
// any unexpected status, and any operation or error status of the document left unexercised.
import { writeFileSync } from "node:fs";
import { loadOperations, measure, UNPROVOKABLE } from "./coverage.js";
import { adminRoutes, subscribePolice, webhookRoutes } from "./admin-steps.js";
import { attachmentLife } from "./attachment-steps.js";
import { errorCases, tooManyWrongKeys } from "./error-steps.js";
import { readKeys, required } from "./keys.js";
import { attachViolations, readPrismLog } from "./prism-log.js";
import { Recorder, type Exchange } from "./recorder.js";
import { referralLife } from "./referral-steps.js";
import { checkDeliveries } from "./webhook-check.js";
import { WebhookReceiver } from "./webhook-receiver.js";

const documentPath = required("CONTRACT_DOCUMENT");
const keys = readKeys(required("CONTRACT_KEYS_FILE"), required("CONTRACT_ADMIN_KEY"));
const recorder = new Recorder(required("CONTRACT_PROXY_URL"));
const operations = loadOperations(documentPath);

const receiver = await WebhookReceiver.start();
let crash: string | undefined;
let webhookProblems: string[] = [];
try {
  await subscribePolice(recorder, keys, receiver.url);
  const ids = await referralLife(recorder, keys);
  await attachmentLife(recorder, keys, ids.receiverId);
  await adminRoutes(recorder, keys);
  await webhookRoutes(recorder, keys, receiver.url);
  await errorCases(recorder, keys, ids, new Set(operations.map((o) => o.template)));
  await tooManyWrongKeys(recorder);
  const late = await receiver.waitFor(["webhook.ping", "referral.created", "referral.completed"], 20);
  webhookProblems = late.map((type) => `no ${type} delivery reached the receiver within 20 s`);
  webhookProblems.push(...checkDeliveries(documentPath, receiver.deliveries));
} catch (error) {
  crash = error instanceof Error ? error.message : String(error);
} finally {
  receiver.close();
}

const exchanges = recorder.exchanges;
const logMismatches = await attachFromLog(required("CONTRACT_PROXY_LOG"));
const unexpected = exchanges.filter((e) => !e.expected.includes(e.status));
const responseViolations = exchanges.flatMap((e) => e.responseViolations.map((v) => ({ e, v })));
const strayRequestViolations = exchanges.filter((e) => !e.badInput).flatMap((e) => e.requestViolations.map((v) => ({ e, v })));
const expectedRequestViolations = exchanges.filter((e) => e.badInput).reduce((n, e) => n + e.requestViolations.length, 0);
// RFC 9457: a problem's type is a URI a reader can follow, so it must be absolute.
const relativeTypes = exchanges.filter((e) => e.problemType !== undefined && !URL.canParse(e.problemType));
const unflagged = exchanges.filter((e) => e.mustBeFlagged && e.requestViolations.length === 0);
const coverage = measure(operations, exchanges);

const where = (e: Exchange) => `${e.method} ${e.path.split("?")[0]} -> ${e.status}`;
for (const e of unexpected) console.log(`unexpected status: ${e.label}: ${where(e)}, expected ${e.expected.join(" or ")}: ${e.bodyStart}`);
printGrouped("response violation", responseViolations);
printGrouped("request violation on a valid request", strayRequestViolations);
for (const e of coverage.unmatched) console.log(`not in the document: ${e.label}: ${where(e)}`);
for (const name of coverage.neverSucceeded) console.log(`operation never answered with a success: ${name}`);
for (const status of coverage.errorStatusesMissing) console.log(`documented error status never produced: ${status}`);
for (const e of unflagged) console.log(`the proxy did not flag a request that breaks the document: ${e.label}: ${where(e)}`);
if (relativeTypes.length > 0) {
  const types = [...new Set(relativeTypes.map((e) => e.problemType))].join(", ");
  console.log(`problem type is not an absolute URI in ${relativeTypes.length} answers: ${types}`);
}
for (const problem of webhookProblems) console.log(`webhook: ${problem}`);
for (const mismatch of logMismatches) console.log(`proxy log: ${mismatch}`);
if (crash) console.log(`scenario stopped early: ${crash}`);

const summary = {
  requests: exchanges.length,
  operations: coverage.operations,
  responseViolations: responseViolations.length,
  requestViolationsOnValidRequests: strayRequestViolations.length,
  requestViolationsOnBadInput: expectedRequestViolations,
  unexpectedStatuses: unexpected.length,
  operationsWithoutSuccess: coverage.neverSucceeded.length,
  errorStatusesMissing: coverage.errorStatusesMissing,
  undocumentedRequests: coverage.unmatched.length,
  operationErrorPairsNotProduced: coverage.pairsMissing.length,
  webhookDeliveries: receiver.deliveries.length,
  webhookProblems: webhookProblems.length,
  notProvoked: [...UNPROVOKABLE],
};
writeFileSync(required("CONTRACT_REPORT"), JSON.stringify({ summary, pairsMissing: coverage.pairsMissing }, null, 2));
console.log(
  `scenario: ${summary.requests} requests over ${summary.operations} operations; ` +
    `${summary.responseViolations} response violations, ${summary.requestViolationsOnValidRequests} request violations on valid requests ` +
    `(${summary.requestViolationsOnBadInput} on deliberately bad input), ${summary.unexpectedStatuses} unexpected statuses, ` +
    `${summary.operationsWithoutSuccess} operations without a success, ${summary.errorStatusesMissing.length} error statuses never produced, ` +
    `${summary.webhookDeliveries} webhook deliveries with ${summary.webhookProblems} problems ` +
    `(${[...UNPROVOKABLE].join(", ")} cannot be provoked from outside)`,
);
const faults = [
  unexpected, responseViolations, strayRequestViolations, unflagged, relativeTypes, webhookProblems, logMismatches,
  coverage.unmatched, coverage.neverSucceeded, coverage.errorStatusesMissing,
].reduce((sum, list) => sum + list.length, 0);
const failed = crash !== undefined || faults > 0;
process.exit(failed ? 1 : 0);

/** Prism writes its log asynchronously: wait (up to 10 s) until it holds every request sent. */
async function attachFromLog(file: string): Promise<string[]> {
  for (let wait = 0; wait < 20 && readPrismLog(file).length < exchanges.length; wait++) {
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  await new Promise((resolve) => setTimeout(resolve, 300));
  return attachViolations(exchanges, readPrismLog(file));
}

/** One line per distinct violation (array indices folded), with how often and where it was seen. */
function printGrouped(kind: string, found: { e: Exchange; v: { location: string[]; message: string } }[]): void {
  const groups = new Map<string, { count: number; where: Set<string> }>();
  for (const { e, v } of found) {
    const key = `${v.location.map((part) => (/^\d+$/.test(part) ? "[]" : part)).join(".")}: ${v.message.replace(/\.\d+/g, ".[]")}`;
    const group = groups.get(key) ?? { count: 0, where: new Set<string>() };
    group.count++;
    group.where.add(`${e.method} ${e.path.split("?")[0]?.replace(/[0-9a-f-]{36}/g, "{id}")} ${e.status}`);
    groups.set(key, group);
  }
  for (const [key, group] of [...groups].sort((a, b) => b[1].count - a[1].count)) {
    console.log(`${kind} x${group.count}: ${key} [${[...group.where].slice(0, 6).join("; ")}]`);
  }
}
