// The size limits of legible text (legibility.ts explains the rule), apart from the rule itself
// so the player's boot code can read them without the notice layout and its QR encoder.

export const MIN_CAP_PX = 10;
export const CAP_HEIGHT_EM = 0.7;
/** The smallest font size, in px, whose capitals reach `MIN_CAP_PX`. */
export const MIN_FONT_PX = Math.ceil(MIN_CAP_PX / CAP_HEIGHT_EM);
/** Padding of every text renderer, as a fraction of its width (styles.ts `:host`). */
export const SCREEN_PADDING = 0.03;
/**
 * The size paged layouts are planned at (fit-plan.ts): one px above the minimum, so the browser's
 * own line breaks, which may differ from the model's by a hair, still land at or above it.
 */
export const PLAN_PX = MIN_FONT_PX + 1;
