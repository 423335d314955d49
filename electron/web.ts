import { runBrowserHost } from './web/runBrowserHost';

/** `npm run web`: the browser host. */
void runBrowserHost(process.argv.slice(2));
