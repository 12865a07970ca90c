// A webhook receiver on loopback for the scenario: answers every delivery with 204, as a receiver
// that took it, and keeps what arrived so it can be held to the document afterwards.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";

export interface Delivery {
  headers: IncomingHttpHeaders;
  body: string;
}

export class WebhookReceiver {
  readonly deliveries: Delivery[] = [];
  private readonly server: Server;

  private constructor() {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        this.deliveries.push({ headers: request.headers, body: Buffer.concat(chunks).toString("utf8") });
        response.writeHead(204).end();
      });
    });
  }

  static async start(): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver();
    await new Promise<void>((resolve) => receiver.server.listen(0, "127.0.0.1", resolve));
    return receiver;
  }

  get url(): string {
    const address = this.server.address();
    return `http://127.0.0.1:${typeof address === "object" && address !== null ? address.port : 0}/hooks`;
  }

  /** Waits (at most `seconds`) until a delivery of each type has arrived. */
  async waitFor(types: string[], seconds: number): Promise<string[]> {
    const missing = () => types.filter((type) => !this.deliveries.some((d) => d.body.includes(`"type":"${type}"`)));
    for (let waited = 0; waited < seconds * 4 && missing().length > 0; waited++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    return missing();
  }

  close(): void {
    this.server.close();
  }
}
