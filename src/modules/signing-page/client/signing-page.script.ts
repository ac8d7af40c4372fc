/**
 * The hosted signing page's script, served as /sign/assets/signing-page.js (an ES module, from our
 * origin: the page's CSP allows no inline script). It renders the PDF with pdf.js, asks for the
 * code, validates it, and moves the page between its states, announcing each change in the page's
 * live region and moving focus to the new state's heading. Plain browser JavaScript, kept here as
 * text so that the API's build ships it (written without template literals, so it needs no escape).
 */
export const SIGNING_PAGE_SCRIPT = String.raw`'use strict';
const main = document.querySelector('main[data-state]');
const messages = JSON.parse(document.getElementById('signing-messages').textContent);
const status = document.getElementById('status');
const panels = Array.from(document.querySelectorAll('[data-panel]'));
const expiresAt = Date.parse(main.dataset.expiresAt);
const TERMINAL = ['signed', 'locked', 'expired', 'cancelled'];
let state = main.dataset.state;
let busy = false;

function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, function (whole, name) { return name in values ? String(values[name]) : whole; });
}

function announce(text, kind) {
  status.textContent = text;
  status.dataset.kind = kind || 'info';
}

function show(next) {
  state = next;
  main.dataset.state = next;
  panels.forEach(function (panel) { panel.hidden = panel.dataset.panel !== next; });
  const target = document.querySelector('[data-panel="' + next + '"] [data-focus]');
  if (target) target.focus();
  if (TERMINAL.indexOf(next) >= 0) {
    const text = document.querySelector('[data-panel="' + next + '"] [data-announce]');
    announce(text ? text.textContent : '', next === 'signed' ? 'success' : 'error');
  }
}

async function post(url, body) {
  const init = { method: 'POST', headers: { Accept: 'application/json' }, credentials: 'omit', cache: 'no-store', referrerPolicy: 'no-referrer' };
  if (body) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(url, init);
  let payload = null;
  try { payload = await response.json(); } catch (ignored) { payload = null; }
  return { status: response.status, body: payload, retryAfter: Number(response.headers.get('Retry-After')) || 0 };
}

function failed(result) {
  const error = (result.body && result.body.error) || {};
  const details = error.details || {};
  if (result.status === 404) return show(Date.now() >= expiresAt ? 'expired' : 'cancelled');
  if (error.type === 'OTP_LOCKED') return show('locked');
  if (error.type === 'RATE_LIMITED') {
    const seconds = details.retry_after || result.retryAfter || 60;
    return announce(fill(details.limit === 'signing_link' ? messages.tooMany : messages.cooldown, { seconds: seconds }), 'error');
  }
  if (error.type === 'OTP_INVALID') {
    announce(fill(messages.invalidCode, { count: details.attempts_remaining }), 'error');
    const input = document.getElementById('otp');
    input.setAttribute('aria-invalid', 'true');
    input.focus();
    return input.select();
  }
  if (error.type === 'OTP_EXPIRED') return announce(messages.codeExpired, 'error');
  if (error.type === 'INVALID_TRANSITION' && details.next_signer_id) return show('waiting');
  if (error.type === 'INVALID_TRANSITION') { show('ready'); return announce(messages.askCodeFirst, 'error'); }
  if (error.type === 'VALIDATION_ERROR') return announce(messages.codeFormat, 'error');
  announce(messages.error, 'error');
}

async function guarded(work) {
  if (busy) return;
  busy = true;
  main.setAttribute('aria-busy', 'true');
  try { await work(); } catch (ignored) { announce(messages.error, 'error'); } finally {
    busy = false;
    main.removeAttribute('aria-busy');
  }
}

function sendCode() {
  return guarded(async function () {
    announce(messages.sending);
    const result = await post(main.dataset.otpUrl);
    if (result.status !== 200) return failed(result);
    show('code_sent');
    announce(messages.codeSent, 'success');
  });
}

function sign(event) {
  event.preventDefault();
  const input = document.getElementById('otp');
  const consent = document.getElementById('consent');
  const code = input.value.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(code)) {
    input.setAttribute('aria-invalid', 'true');
    input.focus();
    return announce(messages.codeFormat, 'error');
  }
  input.removeAttribute('aria-invalid');
  if (!consent.checked) {
    consent.focus();
    return announce(messages.consentRequired, 'error');
  }
  return guarded(async function () {
    announce(messages.signing);
    const result = await post(main.dataset.validateUrl, { otp: code });
    if (result.status !== 200) return failed(result);
    show('signed');
  });
}

async function renderDocument() {
  const container = document.getElementById('pdf-pages');
  const pdfStatus = document.getElementById('pdf-status');
  try {
    const pdfjs = await import(main.dataset.pdfjs);
    pdfjs.GlobalWorkerOptions.workerSrc = main.dataset.pdfjsWorker;
    const pdf = await pdfjs.getDocument({ url: main.dataset.documentUrl, disableRange: true, disableStream: true, disableAutoFetch: true, useWasm: false, enableXfa: false }).promise;
    const ratio = window.devicePixelRatio || 1;
    for (let number = 1; number <= pdf.numPages; number++) {
      const page = await pdf.getPage(number);
      const width = Math.max(240, container.clientWidth);
      const viewport = page.getViewport({ scale: (width / page.getViewport({ scale: 1 }).width) * ratio });
      const canvas = document.createElement('canvas');
      canvas.width = Math.floor(viewport.width);
      canvas.height = Math.floor(viewport.height);
      canvas.setAttribute('role', 'img');
      canvas.setAttribute('aria-label', fill(messages.pdfPage, { page: number, total: pdf.numPages }));
      container.appendChild(canvas);
      await page.render({ canvas: canvas, viewport: viewport }).promise;
    }
    pdfStatus.textContent = fill(messages.pdfReady, { total: pdf.numPages });
    container.dataset.rendered = String(pdf.numPages);
  } catch (error) {
    pdfStatus.textContent = messages.pdfFailed;
    container.dataset.rendered = 'failed';
  }
}

// The link ends with the workflow: an open page says so when the time is up.
function watchExpiry() {
  if (TERMINAL.indexOf(state) < 0 && Date.now() >= expiresAt) show('expired');
}

document.querySelectorAll('[data-action="send-code"]').forEach(function (button) { button.addEventListener('click', sendCode); });
document.getElementById('code-form').addEventListener('submit', sign);
setInterval(watchExpiry, 15000);
// And at the very moment, when it is near enough for a timer (at most ~24 days ahead).
if (expiresAt - Date.now() < 2147483000) setTimeout(watchExpiry, Math.max(0, expiresAt - Date.now()) + 250);
document.addEventListener('visibilitychange', watchExpiry);
main.dataset.ready = 'true';
renderDocument();
`;
