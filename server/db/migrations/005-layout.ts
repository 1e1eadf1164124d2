/** Migration 5: screen layout (issue 3, DESIGN.md: canvas and zones). */
export const LAYOUT_MIGRATION = `
  -- The rectangle of the video output an LED sending card copies, JSON {x, y, width, height}
  -- in CSS px; NULL draws on the whole viewport.
  ALTER TABLE screens ADD COLUMN canvas TEXT CHECK (canvas IS NULL OR json_valid(canvas));
  -- The ticker strip beside the main zone, JSON {position, heightPx}; NULL: no strip.
  ALTER TABLE screens ADD COLUMN ticker_strip TEXT CHECK (ticker_strip IS NULL OR json_valid(ticker_strip));
  ALTER TABLE screens ADD COLUMN theme TEXT NOT NULL DEFAULT 'outdoor' CHECK (theme IN ('outdoor', 'indoor'));
`;
