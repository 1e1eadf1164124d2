// The kiosk page's entry: bundled fonts (screens may have no internet), page CSS, the player.
import '@fontsource/be-vietnam-pro/400.css';
import '@fontsource/be-vietnam-pro/700.css';
import '@fontsource/be-vietnam-pro/800.css';
import '@fontsource/noto-sans/400.css';
import '@fontsource/noto-sans/700.css';
import './zod-config.ts';
import './page.css';
import './components/player.ts';
