import { noChange, type AttributePart } from 'lit';
import { Directive, PartType, directive, type PartInfo } from 'lit/directive.js';

/**
 * `style=${inlineStyle({ left: '10px' })}`: inline styles written through the CSSOM only.
 * The player's Content-Security-Policy (`style-src 'self'`) refuses `style` attributes, and
 * Lit's own `styleMap` writes one on first render; this never does. Properties dropped from one
 * render to the next are removed.
 */
class InlineStyle extends Directive {
  private previous = new Set<string>();

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ATTRIBUTE || part.name !== 'style') throw new Error('inlineStyle belongs in a style attribute');
  }

  render(_styles: Readonly<Record<string, string>>) {
    return noChange;
  }

  override update(part: AttributePart, [styles]: [Readonly<Record<string, string>>]) {
    const style = (part.element as HTMLElement).style;
    for (const name of this.previous) if (!(name in styles)) style.removeProperty(name);
    for (const [name, value] of Object.entries(styles)) style.setProperty(name, value);
    this.previous = new Set(Object.keys(styles));
    return noChange;
  }
}

export const inlineStyle = directive(InlineStyle);
