// The popup's entry. The first-screen read starts at the top of the script, before preact renders
// anything; the inbox is rendered once it is in (popup-page.tsx).
import { readFirstScreen } from './first-screen.ts';
import { startPopup } from './popup-page.tsx';

performance.mark('popup:start');
startPopup(readFirstScreen()).catch((error: unknown) => console.error('Switchboard: the popup could not start', error));
