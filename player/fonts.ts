// The faces and weights the item renderers use, bundled (screens may have no internet). The
// kiosk page and the admin preview load the same list, so text fits to the same metrics in both.
import '@fontsource/be-vietnam-pro/400.css';
import '@fontsource/be-vietnam-pro/700.css';
import '@fontsource/be-vietnam-pro/800.css';
import '@fontsource/noto-sans/400.css';
import '@fontsource/noto-sans/700.css';
