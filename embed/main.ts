// The web portals' embed (issue 17), as small as it can be: it only watches for the board to
// come into view. The board itself — Lit, the player's renderers, the resolver, the fonts — is a
// chunk of its own, fetched then (board-view.ts), so a portal page that is never scrolled to
// the board downloads nothing more.
import './page.css';

/**
 * `<bangtin-board audience="city|<ward code>" theme="outdoor|indoor">`: plays the audience's
 * published playlists, sized to its container. On the /embed/ page the audience and theme come
 * from the page's query (`?audience=…&theme=…`).
 */
// No private (#) members here: for Chromium 90 they compile to helpers that live in the chunk the
// player and admin share, which this file must not pull in before the board is in view.
class BangtinBoard extends HTMLElement {
  private observer: IntersectionObserver | null = null;
  private started = false;

  connectedCallback(): void {
    if (this.started || this.observer) return;
    this.setAttribute('data-state', 'waiting');
    this.observer = new IntersectionObserver((entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      this.observer?.disconnect();
      this.observer = null;
      void this.start();
    });
    this.observer.observe(this);
  }

  disconnectedCallback(): void {
    this.observer?.disconnect();
    this.observer = null;
  }

  private async start(): Promise<void> {
    this.started = true;
    this.setAttribute('data-state', 'loading');
    const { mountBoard } = await import('./board-view.ts');
    mountBoard(this, this.getAttribute('audience') ?? 'city', this.getAttribute('theme') === 'indoor' ? 'indoor' : 'outdoor');
  }
}

const query = new URLSearchParams(location.search);
for (const board of document.querySelectorAll('bangtin-board')) {
  if (!board.hasAttribute('audience')) board.setAttribute('audience', query.get('audience') ?? 'city');
  if (!board.hasAttribute('theme') && query.get('theme')) board.setAttribute('theme', query.get('theme')!);
}
customElements.define('bangtin-board', BangtinBoard);
