import type { SignerPageState } from '../page-state.js';
import type { DocumentSummary } from '../document-summary.js';
import type { SigningAssets } from '../signing-assets.js';
import type { SignerType } from '../../signatures/signature.entities.js';
import { html, jsonBlock, type SafeHtml } from './html.js';
import type { Language } from './language.js';
import { fill, type Messages, MESSAGES } from './messages.js';

/** What a live signer's page shows (SigningPages.view). */
export interface SignerPageView {
  token: string;
  state: SignerPageState;
  signer: { name: string; type: SignerType; channel: 'email' | 'sms'; contact: string };
  /** Signers before this one who have not signed yet (the waiting state). */
  waitingFor: number;
  expiresAt: Date;
  sandbox: boolean;
  summary: DocumentSummary;
}

const dateOf = (m: Messages, day: string) => new Intl.DateTimeFormat(m.locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
const momentOf = (m: Messages, at: Date) => new Intl.DateTimeFormat(m.locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' }).format(at);
const eurosOf = (m: Messages, amount: number) => new Intl.NumberFormat(m.locale, { style: 'currency', currency: 'EUR' }).format(amount);

/** The page every token that cannot act gets: byte for byte the same, whatever the token was. */
export function renderGenericPage(language: Language, assets: SigningAssets): string {
  const m = MESSAGES[language];
  return layout(language, assets, m.generic.title, html`
    <main id="main" class="generic" tabindex="-1">
      <h1>${m.generic.title}</h1>
      <section><p><strong>${m.generic.lead}</strong></p><p>${m.generic.body}</p></section>
    </main>`, { script: false });
}

export function renderTooManyPage(language: Language, assets: SigningAssets): string {
  const m = MESSAGES[language];
  return layout(language, assets, m.tooMany.title, html`
    <main id="main" tabindex="-1"><h1>${m.tooMany.title}</h1><section><p>${m.tooMany.body}</p></section></main>`, { script: false });
}

/** A live signer's page: the document, then the signing steps, each state a panel the script shows. */
export function renderSignerPage(view: SignerPageView, language: Language, assets: SigningAssets): string {
  const m = MESSAGES[language];
  const base = `/sign/${view.token}`;
  const channel = { channel: m.channels[view.signer.channel], contact: view.signer.contact };
  const panel = (state: string, content: SafeHtml) => html`<div data-panel="${state}"${view.state === state ? '' : html` hidden`}>${content}</div>`;
  const terminal = (state: string, heading: string, text: string, more?: string) =>
    panel(state, html`<h3 class="state-heading" tabindex="-1" data-focus>${heading}</h3><p data-announce>${text}</p>${more && html`<p>${more}</p>`}`);
  const title = m.headings[view.summary.kind];
  const body = html`
    <main id="main" data-state="${view.state}" data-expires-at="${view.expiresAt.toISOString()}"
          data-otp-url="${base}/otp" data-validate-url="${base}/validate" data-document-url="${base}/document"
          data-pdfjs="${assets.of('pdf.min.mjs').url}" data-pdfjs-worker="${assets.of('pdf.worker.min.mjs').url}">
      <h1>${title}</h1>
      <p>${fill(m.greeting, { name: view.signer.name, role: m.roles[view.signer.type] })}</p>
      <p>${fill(m.validUntil, { date: momentOf(m, view.expiresAt) })}</p>
      <section aria-labelledby="summary-title">
        <h2 id="summary-title">${m.summaryTitle}</h2>
        ${summaryList(m, view.summary)}
      </section>
      <section aria-labelledby="document-title">
        <h2 id="document-title">${m.documentTitle}</h2>
        <p><a href="${base}/document">${m.download}</a></p>
        <p id="pdf-status">${m.pdfLoading}</p>
        <div id="pdf-pages"></div>
        <noscript><p>${m.noscript}</p></noscript>
      </section>
      <section id="actions" aria-labelledby="sign-title" tabindex="-1">
        <h2 id="sign-title">${m.signTitle}</h2>
        <p id="status" class="status" role="status" aria-live="polite" aria-atomic="true"></p>
        ${panel('ready', html`
          <p>${fill(m.ready, channel)}</p>
          <div class="actions"><button type="button" data-action="send-code" data-focus>${m.sendCode}</button></div>`)}
        ${panel('code_sent', html`
          <form id="code-form" novalidate>
            <p id="code-sent-text">${fill(m.codeSent, channel)}</p>
            <label for="otp">${m.codeLabel}</label>
            <p class="hint" id="otp-hint">${m.codeHint}</p>
            <input type="text" id="otp" name="otp" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" required aria-describedby="otp-hint" data-focus>
            <div class="consent"><input type="checkbox" id="consent" name="consent" required><label for="consent">${m.consent}</label></div>
            <div class="actions">
              <button type="submit">${m.signButton}</button>
              <button type="button" class="secondary" data-action="send-code">${m.resend}</button>
            </div>
          </form>`)}
        ${panel('waiting', html`
          <h3 class="state-heading" tabindex="-1" data-focus>${m.stateTitles.waiting}</h3>
          <p data-announce>${view.waitingFor <= 1 ? m.waiting.one : fill(m.waiting.many, { count: view.waitingFor })}</p>
          <p><a class="button" href="${base}?lang=${language}">${m.refresh}</a></p>`)}
        ${terminal('signed', m.stateTitles.signed, m.signed, m.signedNext)}
        ${terminal('locked', m.stateTitles.locked, m.locked)}
        ${terminal('expired', m.stateTitles.expired, m.expired)}
        ${terminal('cancelled', m.stateTitles.cancelled, m.cancelled)}
      </section>
    </main>
    <script type="application/json" id="signing-messages">${jsonBlock(m.client)}</script>`;
  return layout(language, assets, title, body, { script: true, sandbox: view.sandbox, token: view.token });
}

function summaryList(m: Messages, summary: DocumentSummary): SafeHtml {
  const rows: [string, string | null | undefined][] = [];
  if (summary.amendment) {
    rows.push([m.fields.amendmentType, m.amendmentTypes[summary.amendment.type] ?? summary.amendment.type]);
    rows.push([m.fields.effective, dateOf(m, summary.amendment.effective_date)]);
    rows.push([m.fields.description, summary.amendment.description]);
  }
  if (summary.report) {
    rows.push([m.fields.reportKind, m.reportKinds[summary.report.kind]]);
    rows.push([m.fields.performedOn, dateOf(m, summary.report.performed_on)]);
  }
  rows.push([m.fields.property, summary.address], [m.fields.unit, summary.unit], [m.fields.landlord, summary.landlord]);
  rows.push([m.fields.tenants, summary.tenants.join(', ') || null], [m.fields.guarantors, summary.guarantors.join(', ') || null]);
  if (summary.kind === 'lease') {
    const lease = summary.lease;
    rows.push([m.fields.leaseType, m.leaseTypes[lease.lease_type] ?? lease.lease_type]);
    rows.push([m.fields.start, dateOf(m, lease.start_date)], [m.fields.end, lease.end_date && dateOf(m, lease.end_date)]);
    rows.push([lease.rent_frequency === 'quarterly' ? m.fields.rentQuarterly : m.fields.rent, eurosOf(m, lease.rent_amount)]);
    rows.push([m.fields.charges, lease.charges_amount === null ? null : eurosOf(m, lease.charges_amount)]);
  }
  rows.push([m.fields.reference, summary.reference]);
  return html`<dl class="summary">${rows.filter(([, value]) => value).map(([label, value]) => html`<dt>${label}</dt><dd>${value}</dd>`)}</dl>`;
}

function layout(language: Language, assets: SigningAssets, title: string, body: SafeHtml, options: { script: boolean; sandbox?: boolean; token?: string }): string {
  const m = MESSAGES[language];
  const css = assets.of('signing-page.css');
  const js = assets.of('signing-page.js');
  const other = m.otherLanguage;
  return `<!doctype html>\n${html`<html lang="${language}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex, nofollow">
  <title>${title} — ${m.title}</title>
  <link rel="icon" href="${assets.of('favicon.svg').url}" type="image/svg+xml">
  <link rel="stylesheet" href="${css.url}" integrity="${css.integrity}">
  ${options.script && html`<script type="module" src="${js.url}" integrity="${js.integrity}"></script>`}
</head>
<body>
  ${options.script && html`<a class="skip-link" href="#actions">${m.skipLink}</a>`}
  <header class="banner">
    <span class="brand">${m.brand} <span aria-hidden="true">·</span> ${m.title}</span>
    ${options.token && html`<a href="/sign/${options.token}?lang=${other.code}" lang="${other.code}" hreflang="${other.code}">${other.label}</a>`}
  </header>
  ${options.sandbox && html`<p class="sandbox">${m.sandbox}</p>`}
  ${body}
  <footer><p>${m.footer}</p></footer>
</body>
</html>`}\n`;
}
