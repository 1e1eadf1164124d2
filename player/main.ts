// The kiosk page's entry. First the zod setting (before any schema is built), then the bundled
// fonts (screens may have no internet), the page CSS and the player.
import '../playlists/zod-config.ts';
import '@fontsource/be-vietnam-pro/400.css';
import '@fontsource/be-vietnam-pro/700.css';
import '@fontsource/be-vietnam-pro/800.css';
import '@fontsource/noto-sans/400.css';
import '@fontsource/noto-sans/700.css';
import './page.css';
import './components/player.ts';
