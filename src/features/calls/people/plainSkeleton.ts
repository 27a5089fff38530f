/**
 * mgt draws its loading placeholder with Fluent's skeleton, whose template holds an
 * `<object data="">`: under the console's CSP (`object-src 'none'`) every one of them logs a
 * violation, several per render. Defining `fluent-skeleton` first, as a plain shimmer with no
 * plugin content, makes the design system keep this one (FAST never redefines a tag).
 * Imported before mgt, so it runs before mgt registers its components.
 */
class PlainSkeleton extends HTMLElement {
  connectedCallback() {
    if (this.shadowRoot) return;
    const root = this.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = ':host{display:block;overflow:hidden;background:color-mix(in srgb,currentColor 12%,transparent)}:host([shape=circle]){border-radius:50%}';
    root.append(style, document.createElement('slot'));
  }
}

if (!customElements.get('fluent-skeleton')) customElements.define('fluent-skeleton', PlainSkeleton);
