// A document's life: the police attach a visum to a referral, UPTD PPA sees it listed but may open
// it only after acceptance, reads its headers and a range of it, and the police delete it to a tombstone.
import { newReferral } from "./referral-steps.js";
import type { Recorder } from "./recorder.js";
import type { Keys } from "./keys.js";

/** A one-page PDF, as text: what a PDF writer puts first and last. */
const PDF = "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
  + "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
const FILE = "application/pdf, application/problem+json";

export async function attachmentLife(r: Recorder, k: Keys, receiverId: string): Promise<void> {
  const referralId = await r.sendFor({ label: "a referral with a visum", method: "POST", path: "/v1/referrals", key: k.polda, body: newReferral(receiverId, "LP/126/XI/2026/POLDA"), expect: 201 }, "id");
  const attachments = `/v1/referrals/${referralId}/attachments`;
  const upload = { label: "the police attach the visum", method: "POST", path: `${attachments}?kind=visum_et_repertum&fileName=visum.pdf`, key: k.polda, rawBody: PDF, contentType: "application/pdf", headers: { "Idempotency-Key": "scenario-visum-1" }, expect: 201 } as const;
  const attachmentId = await r.sendFor(upload, "id");
  await r.send({ ...upload, label: "a retried upload replays the first answer" });
  const file = `${attachments}/${attachmentId}`;

  await r.send({ label: "the receiver lists the attachments", method: "GET", path: attachments, key: k.uptd, expect: 200 });
  await r.send({ label: "the receiver may not open it yet", method: "GET", path: file, key: k.uptd, headers: { Accept: FILE }, expect: 403 });
  await r.send({ label: "the sender downloads it", method: "GET", path: file, key: k.polda, headers: { Accept: FILE }, expect: 200 });
  await r.send({ label: "not a PDF, JPEG or PNG", method: "POST", path: `${attachments}?kind=other&fileName=a.txt`, key: k.polda, rawBody: "plain text", contentType: "text/plain", expect: 415, badInput: true });
  await r.send({ label: "an empty file", method: "POST", path: `${attachments}?kind=other&fileName=a.pdf`, key: k.polda, rawBody: "", contentType: "application/pdf", expect: 400, badInput: true });

  await r.send({ label: "accepted with its visum", method: "POST", path: `/v1/referrals/${referralId}/acknowledgement`, key: k.uptd, body: { decision: "accepted" }, expect: 200 });
  await r.send({ label: "the receiver downloads it", method: "GET", path: file, key: k.uptd, headers: { Accept: FILE }, expect: 200 });
  await r.send({ label: "the receiver reads its headers only", method: "HEAD", path: file, key: k.uptd, headers: { Accept: FILE }, expect: 200 });
  await r.send({ label: "the first bytes only", method: "GET", path: file, key: k.uptd, headers: { Accept: FILE, Range: "bytes=0-7" }, expect: 206 });
  await r.send({ label: "a range past the end", method: "GET", path: file, key: k.uptd, headers: { Accept: FILE, Range: "bytes=100000-" }, expect: 416 });
  await r.send({ label: "only the uploader deletes", method: "DELETE", path: file, key: k.uptd, expect: 403 });
  await r.send({ label: "the police delete it", method: "DELETE", path: file, key: k.polda, expect: 204 });
  await r.send({ label: "a deleted file is gone", method: "GET", path: file, key: k.uptd, headers: { Accept: FILE }, expect: 410 });
}
