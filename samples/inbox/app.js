// A front-end of the referral API: a person of an agency signs in at the agency's identity provider
// (OpenID Connect, authorization code with PKCE), and this page calls the API from its own origin
// with the person's access token. Here the token is pasted in, so the sample needs no provider;
// it lives in memory only, never in storage or a URL. Data is shown with textContent only.

const form = document.querySelector('#sign-in');
const table = document.querySelector('#inbox');
const rows = table.querySelector('tbody');
const message = document.querySelector('#message');
const who = document.querySelector('#who');

let session = null;

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  session = { api: form.api.value.replace(/\/+$/, ''), token: form.token.value.trim() };
  form.token.value = '';
  await loadInbox();
});

async function call(path, options = {}) {
  const response = await fetch(session.api + path, {
    ...options,
    headers: { Authorization: `Bearer ${session.token}`, Accept: 'application/json', 'Accept-Language': 'id', ...options.headers },
  });
  const body = response.status === 204 ? null : await response.json();
  if (!response.ok) {
    // problem+json: the title and detail are written for people; missingScope names what to ask for.
    const scope = body?.missingScope ? ` (${body.missingScope})` : '';
    throw new Error(`${response.status} ${body?.title ?? ''} ${body?.detail ?? ''}${scope}`.trim());
  }
  return { body, headers: response.headers };
}

async function loadInbox() {
  show('Memuat… / Loading…');
  try {
    const me = (await call('/v1/me')).body;
    who.textContent = `${me.person?.name ?? me.person?.sub ?? ''} — ${me.agency?.name ?? ''}`;
    const page = (await call('/v1/referrals?box=inbox&limit=50')).body;
    rows.replaceChildren(...page.items.map(row));
    table.hidden = false;
    show(page.items.length === 0 ? 'Tidak ada rujukan / No referrals' : `${page.items.length} rujukan / referrals`);
  } catch (error) {
    show(error.message, true);
  }
}

function row(referral) {
  const tr = document.createElement('tr');
  tr.dataset.id = referral.id;
  tr.classList.toggle('overdue', referral.overdue);
  const cells = [
    new Date(referral.createdAt).toLocaleString('id-ID'),
    referral.urgency,
    referral.subjectInitials,
    referral.servicesRequested.join(', '),
    new Date(referral.respondBy).toLocaleString('id-ID'),
  ].map(text);
  const status = text(referral.status);
  status.classList.add('status');
  const action = document.createElement('td');
  if (referral.status === 'sent') {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = 'Terima / Acknowledge';
    button.addEventListener('click', () => acknowledge(referral, status, button));
    action.append(button);
  }
  tr.append(...cells, status, action);
  return tr;
}

async function acknowledge(referral, status, button) {
  button.disabled = true;
  try {
    // If-Match: nothing changes if the referral moved meanwhile; Idempotency-Key: a retry after a
    // lost answer cannot acknowledge twice.
    const { body } = await call(`/v1/referrals/${referral.id}/acknowledgement`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'If-Match': `"${referral.version}"`, 'Idempotency-Key': crypto.randomUUID() },
      body: JSON.stringify({ decision: 'received' }),
    });
    status.textContent = body.status;
    button.remove();
    show(`Diterima / Acknowledged: ${body.subject.initials}`);
  } catch (error) {
    button.disabled = false;
    show(error.message, true);
  }
}

function text(value) {
  const td = document.createElement('td');
  td.textContent = value;
  return td;
}

function show(text, isError = false) {
  message.textContent = text;
  message.classList.toggle('error', isError);
}
