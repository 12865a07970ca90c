// The browser check's two halves (scripts/browser-check.sh runs them around the API it starts):
//   node scripts/browser-check.mjs keys DIR   a throwaway signing key: DIR/jwks.json (public, for the
//                                             API's Authentication:Jwt:SigningKeysFile), DIR/private.json
//   node scripts/browser-check.mjs drive DIR  with BROWSER_API_URL, BROWSER_SAMPLE_URL, BROWSER_ADMIN_KEY,
//                                             BROWSER_CHROMIUM, BROWSER_SCREENSHOT: two agencies, a referral
//                                             sent with a token, then samples/inbox in headless Chromium
//                                             shows it in the receiver's inbox and acknowledges it.
import { writeFile, readFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { generateKeyPair, exportJWK, importJWK, SignJWT } from 'jose';
import { chromium } from 'playwright-core';

const issuer = 'https://sso.browser-check.example/realms/referral';
const audience = 'referral-api';
const [command, dir] = process.argv.slice(2);

if (command === 'keys') {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = randomUUID();
  await writeFile(`${dir}/jwks.json`, JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' }] }));
  await writeFile(`${dir}/private.json`, JSON.stringify({ ...(await exportJWK(privateKey)), kid }), { mode: 0o600 });
} else if (command === 'drive') {
  await drive().catch((error) => {
    console.error(`browser check: ${error.message}`);
    process.exitCode = 1;
  });
} else {
  console.error('usage: browser-check.mjs keys|drive DIR');
  process.exit(2);
}

async function drive() {
  const env = (name) => process.env[name] ?? fail(`${name} is not set`);
  const api = env('BROWSER_API_URL');
  const privateJwk = JSON.parse(await readFile(`${dir}/private.json`, 'utf8'));
  const signingKey = await importJWK(privateJwk, 'RS256');
  const mint = (agencyCode, sub, name) => new SignJWT({ agency_code: agencyCode, name, scope: 'openid referrals.read referrals.write' })
    .setProtectedHeader({ alg: 'RS256', kid: privateJwk.kid, typ: 'JWT' })
    .setIssuer(issuer).setAudience(audience).setSubject(sub).setIssuedAt().setExpirationTime('10m')
    .sign(signingKey);

  const call = async (method, path, credential, body) => {
    const response = await fetch(api + path, {
      method,
      headers: { Authorization: `Bearer ${credential}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await response.json();
    if (!response.ok) fail(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
    return json;
  };

  const admin = env('BROWSER_ADMIN_KEY');
  const suffix = randomUUID().slice(0, 8).toUpperCase();
  const agency = (code, name) => call('POST', '/v1/agencies', admin, {
    code, name, sector: 'women_child_protection', regionCode: '61', roles: ['agency'],
    services: ['psychosocial', 'safe_house'], acceptsReferrals: true, capacityStatus: 'open',
  });
  const police = await agency(`POLRES-${suffix}`, 'Polres Sanggau (browser check)');
  const shelter = await agency(`UPTD-${suffix}`, 'UPTD PPA (browser check)');
  const officer = await mint(police.code, 'officer-1', 'Bripka R.');
  const counsellor = await mint(shelter.code, 'counsellor-1', 'Ibu Rina');
  const referral = await call('POST', '/v1/referrals', officer, {
    toAgencyId: shelter.id, urgency: 'urgent', violenceTypes: ['trafficking'], servicesRequested: ['safe_house'],
    reason: 'Returned through Entikong; needs a safe house.', legalBasis: 'vital_interest',
    subject: { initials: 'B.C.', sex: 'female', ageYears: 17 },
  });

  const browser = await chromium.launch({ executablePath: env('BROWSER_CHROMIUM'), headless: true, args: ['--no-sandbox'] });
  const page = await browser.newPage();
  try {
    const errors = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('requestfailed', (r) => errors.push(`${r.url()}: ${r.failure()?.errorText}`));
    await page.goto(env('BROWSER_SAMPLE_URL'));
    await page.fill('#api', api);
    await page.fill('#token', counsellor);
    await page.click('button[type=submit]');

    const row = page.locator(`tr[data-id="${referral.id}"]`);
    await row.waitFor({ timeout: 15000 }).catch(() => fail(`the inbox did not show the referral: ${errors.join('; ')}`));
    const cells = await row.locator('td').allTextContents();
    if (!cells.includes('B.C.') || !cells.includes('sent')) fail(`the inbox row shows ${JSON.stringify(cells)}`);
    const who = await page.textContent('#who');
    if (!who.includes('Ibu Rina')) fail(`the page names ${JSON.stringify(who)}, not the signed-in person`);

    await row.getByRole('button').click();
    await row.locator('td.status', { hasText: 'received' }).waitFor({ timeout: 15000 })
      .catch(async () => fail(`the acknowledgement did not go through: ${await page.textContent('#message')} ${errors.join('; ')}`));
    const status = await call('GET', `/v1/referrals/${referral.id}/status`, officer);
    if (status.status !== 'received') fail(`the sender sees status ${status.status}`);
    if (errors.length > 0) fail(`the page logged errors: ${errors.join('; ')}`);

    console.log(`inbox rendered, referral ${referral.id} acknowledged from ${env('BROWSER_SAMPLE_URL')} (sender sees "received")`);
  } finally {
    // Taken whatever the outcome: a failed run's picture says most about what went wrong.
    await page.screenshot({ path: env('BROWSER_SCREENSHOT'), fullPage: true }).catch(() => {});
    await browser.close();
  }
}

function fail(reason) {
  throw new Error(reason);
}
