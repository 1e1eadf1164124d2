import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { decodeImage, decodedImage } from './media-elements.ts';

/**
 * Shows an image only once it has decoded: until then the previous one stays (no blank frame,
 * no layout shift). `shown` is the element to render; `failed` when the wanted url cannot load.
 */
export class DecodedImage implements ReactiveController {
  shown: HTMLImageElement | null = null;
  failed = false;
  private wanted: string | null = null;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** Call from `willUpdate` with the url the host wants to show. */
  want(url: string | null): void {
    if (url === this.wanted) return;
    this.wanted = url;
    this.failed = false;
    if (url === null) {
      this.shown = null;
      return;
    }
    const ready = decodedImage(url);
    if (ready) {
      this.shown = ready;
      return;
    }
    decodeImage(url).then(
      (img) => {
        if (this.wanted !== url) return;
        this.shown = img;
        this.host.requestUpdate();
      },
      () => {
        if (this.wanted !== url) return;
        this.failed = true;
        this.host.requestUpdate();
      },
    );
  }
}
