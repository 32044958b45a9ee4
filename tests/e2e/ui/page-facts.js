/* global document, getComputedStyle, NodeFilter */
// Evaluated in the page by touch-rules.ts: the size of every interactive element and the size,
// colour and backgrounds of every text, skipping what is hidden or inert (under a dialog).
(() => {
  const shown = (el) => {
    const r = el.getBoundingClientRect();
    return (
      r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden' && !el.closest('[inert]')
    );
  };
  const interactive =
    'button, a[href], input, select, textarea, [role="button"], [role="link"], [role="tab"], [role="option"], ' +
    '[role="checkbox"], [role="switch"], [tabindex]:not([tabindex="-1"])';
  const targets = [...document.querySelectorAll(interactive)].filter(shown).map((el) => {
    const r = el.getBoundingClientRect();
    const name = (el.getAttribute('aria-label') ?? el.textContent ?? el.tagName).trim().slice(0, 40);
    return { name, width: r.width, height: r.height };
  });
  // Background colours from the element outwards, down to the first opaque one.
  const backgroundsOf = (el) => {
    const out = [];
    for (let e = el; e; e = e.parentElement) {
      const bg = getComputedStyle(e).backgroundColor;
      out.push(bg);
      const alpha = /rgba\([^)]*,\s*([\d.]+)\)/.exec(bg);
      if (!alpha || Number(alpha[1]) === 1) break;
    }
    return out;
  };
  const texts = [];
  const seen = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const parent = n.parentElement;
    if (!parent || seen.has(parent) || !n.textContent.trim() || !shown(parent)) continue;
    if (parent.closest('svg, style, script')) continue;
    seen.add(parent);
    const cs = getComputedStyle(parent);
    texts.push({
      text: n.textContent.trim().slice(0, 40),
      fontSize: parseFloat(cs.fontSize),
      color: cs.color,
      backgrounds: backgroundsOf(parent),
      mainAction: parent.closest('[data-main-action]') !== null,
    });
  }
  return { targets, texts };
})();
