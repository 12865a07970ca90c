// Holds the deliveries the receiver got to the document's `webhooks` section (OpenAPI 3.1): each
// body must match the request schema of one declared webhook, and each must say who sends it
// (User-Agent: ReferralApi-Webhooks/<version>). Prism proxies requests to the API, not the API's
// own calls out, so this check is the webhooks' validating proxy.
import { readFileSync } from "node:fs";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import type { Delivery } from "./webhook-receiver.js";

const USER_AGENT = /^ReferralApi-Webhooks\/\d+(\.\d+)*\S*$/;

export function checkDeliveries(documentPath: string, deliveries: Delivery[]): string[] {
  const document: unknown = JSON.parse(readFileSync(documentPath, "utf8"));
  const validators = webhookValidators(document);
  if (validators.size === 0) return ["the document declares no webhooks (OpenAPI 3.1 `webhooks` section)"];
  const problems: string[] = [];
  for (const delivery of deliveries) {
    const agent = delivery.headers["user-agent"] ?? "";
    if (!USER_AGENT.test(agent)) problems.push(`a delivery's User-Agent is "${agent}", not ReferralApi-Webhooks/<version>`);
    const body: unknown = JSON.parse(delivery.body);
    const verdicts = [...validators].map(([name, validate]) => ({ name, valid: validate(body), errors: validate.errors ?? [] }));
    if (!verdicts.some((v) => v.valid)) {
      const closest = verdicts.sort((a, b) => a.errors.length - b.errors.length)[0];
      const why = closest?.errors.map((e) => `${e.instancePath || "/"} ${e.message ?? ""}`).join("; ");
      problems.push(`a delivery matches no declared webhook (closest: ${closest?.name}: ${why}): ${delivery.body.slice(0, 200)}`);
    }
  }
  return problems;
}

/** One validator per declared webhook, compiled from its JSON request body schema. */
function webhookValidators(document: unknown): Map<string, ValidateFunction> {
  const webhooks: unknown = typeof document === "object" && document !== null ? Reflect.get(document, "webhooks") : undefined;
  const validators = new Map<string, ValidateFunction>();
  if (typeof webhooks !== "object" || webhooks === null || typeof document !== "object" || document === null) return validators;
  // The document is added whole so its #/components/... references resolve; OpenAPI's own keywords
  // (example, discriminator, ...) are not JSON Schema, hence strict off.
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
  addFormatsModule.default(ajv);
  ajv.addSchema({ ...document, $id: "openapi" });
  for (const [name, item] of Object.entries(webhooks)) {
    for (const method of Object.keys(typeof item === "object" && item !== null ? item : {})) {
      if (!["post", "put", "patch"].includes(method)) continue;
      const pointer = ["webhooks", name, method, "requestBody", "content", "application/json", "schema"]
        .map((part) => part.replace(/~/g, "~0").replace(/\//g, "~1"))
        .join("/");
      try {
        validators.set(`${method.toUpperCase()} ${name}`, ajv.compile({ $ref: `openapi#/${pointer}` }));
      } catch (error) {
        throw new Error(`webhook ${name}: its JSON request body schema cannot be compiled: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
  return validators;
}
