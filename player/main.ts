// The kiosk page's entry. First the zod setting (before any schema is built), then the bundled
// fonts (screens may have no internet), the page CSS and the player.
import '../playlists/zod-config.ts';
import './fonts.ts';
import './page.css';
import './shell.ts';
