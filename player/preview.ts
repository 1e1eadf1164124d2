// The small entry the admin page imports for its live preview (DESIGN.md: admin/ renders its
// preview with the player's item components). Only renderers and pure helpers: nothing here
// connects, stores or schedules. The admin page imports zod-config first itself.
import './fonts.ts';
export { renderItem, type RenderContext } from './render-item.ts';
// Legibility warnings as the operator types: the same rule the player uses to fall back to a ticker.
export { legibleAt, MIN_FONT_PX, MIN_CAP_PX, type Legibility } from './legibility.ts';
// What fits at a size and what takes turns or is left out: the plan the player renders by.
export { fitPlan, type FitPlan, type PlanOptions } from './fit-plan.ts';
// The emergency look, for the admin's preview of an emergency.
export { BtEmergency } from './components/emergency.ts';
// The screen themes' colours, so the preview can show a screen's theme as the player does.
export { THEME_COLOURS } from './components/styles.ts';
