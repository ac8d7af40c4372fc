/**
 * The hosted signing page's stylesheet (/sign/assets/signing-page.css): mobile first, system
 * fonts, text and controls above WCAG AA contrast (body #1b1f24 on white, buttons white on
 * #0a4d8c), a focus ring on every control, targets at least 44 px high.
 */
export const SIGNING_PAGE_STYLE = String.raw`*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
html { font-size: 100%; -webkit-text-size-adjust: 100%; }
body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; line-height: 1.5; color: #1b1f24; background: #f4f6f8; }
a { color: #0a4d8c; text-underline-offset: 0.15em; }
a:hover { color: #073a6a; }
:focus-visible { outline: 3px solid #7a3300; outline-offset: 2px; }
.skip-link { position: absolute; left: 0.5rem; top: -4rem; padding: 0.5rem 1rem; background: #fff; color: #0a4d8c; z-index: 10; }
.skip-link:focus { top: 0.5rem; }
.banner { display: flex; justify-content: space-between; align-items: center; gap: 1rem; padding: 0.75rem 1rem; background: #0a2540; color: #fff; }
.banner .brand { font-weight: 700; font-size: 1.1rem; }
.banner a { color: #fff; }
.sandbox { margin: 0; padding: 0.75rem 1rem; background: #fff4d6; color: #4a3200; border-bottom: 2px solid #b07800; }
main { max-width: 52rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.5rem; line-height: 1.25; margin: 0.5rem 0 0.75rem; }
h2 { font-size: 1.2rem; margin: 0 0 0.75rem; }
section { background: #fff; border: 1px solid #d5dbe1; border-radius: 0.5rem; padding: 1rem; margin: 1rem 0; }
dl.summary { display: grid; grid-template-columns: 1fr; gap: 0.15rem 1rem; margin: 0; }
dl.summary dt { font-weight: 600; color: #3d4752; margin-top: 0.5rem; }
dl.summary dd { margin: 0; }
@media (min-width: 40rem) {
  dl.summary { grid-template-columns: minmax(10rem, 14rem) 1fr; }
  dl.summary dt { margin-top: 0; }
  h1 { font-size: 1.9rem; }
}
#pdf-pages canvas { display: block; width: 100%; height: auto; margin: 0 0 0.75rem; border: 1px solid #c3cbd3; background: #fff; }
.status { min-height: 1.5rem; margin: 0 0 1rem; padding: 0; font-weight: 600; }
.status[data-kind="error"] { color: #a3140d; }
.status[data-kind="success"] { color: #0b6b2e; }
.status:empty { margin: 0; min-height: 0; }
button, .button { display: inline-flex; align-items: center; justify-content: center; min-height: 2.75rem; padding: 0.5rem 1.25rem; border: 2px solid #0a4d8c; border-radius: 0.375rem; font: inherit; font-weight: 600; cursor: pointer; text-decoration: none; background: #0a4d8c; color: #fff; }
button:hover, .button:hover { background: #073a6a; border-color: #073a6a; color: #fff; }
button.secondary { background: #fff; color: #0a4d8c; }
button.secondary:hover { background: #e8f0f8; color: #073a6a; }
.actions { display: flex; flex-wrap: wrap; gap: 0.75rem; margin-top: 1rem; }
label { display: block; font-weight: 600; }
.hint { margin: 0.25rem 0 0.5rem; color: #3d4752; }
input[type="text"] { width: 100%; max-width: 12rem; min-height: 2.75rem; padding: 0.5rem 0.75rem; font: inherit; font-size: 1.4rem; letter-spacing: 0.3em; border: 2px solid #56616c; border-radius: 0.375rem; }
input[aria-invalid="true"] { border-color: #a3140d; }
.consent { display: flex; gap: 0.6rem; align-items: flex-start; margin-top: 1rem; }
.consent input { width: 1.4rem; height: 1.4rem; margin: 0.1rem 0 0; flex: none; }
.consent label { font-weight: 400; }
.state-heading { font-size: 1.2rem; }
.state-heading:focus { outline: none; }
.state-heading:focus-visible { outline: 3px solid #7a3300; }
footer { max-width: 52rem; margin: 0 auto; padding: 0 1rem 2rem; color: #3d4752; font-size: 0.9rem; }
`;
