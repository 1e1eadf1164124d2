import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * The host's layout size in CSS pixels, kept current by a ResizeObserver; the host updates when
 * it changes. Layout size, not the painted rectangle: the admin preview scales renderers with a
 * transform, and they must choose files and font sizes as the player would.
 */
export class BoxSize implements ReactiveController {
  width = 0;
  height = 0;
  private observer: ResizeObserver | null = null;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostConnected(): void {
    this.observer = new ResizeObserver(() => this.measure());
    this.observer.observe(this.host);
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observer = null;
  }

  private measure(): void {
    const { clientWidth: width, clientHeight: height } = this.host;
    if (width === this.width && height === this.height) return;
    this.width = width;
    this.height = height;
    this.host.requestUpdate();
  }
}
