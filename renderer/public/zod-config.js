// zod's settings, set before any of the app's code runs: zod would probe for eval once (new
// Function) when the first object schema is built, and the Content Security Policy forbids eval,
// rightly. The app's bundle is split into chunks, and the chunk holding zod also builds the data
// model's schemas as it loads, before any line of main.tsx could configure zod; zod reads its
// settings from this global (zod 4's core: globalThis.__zod_globalConfig), so a classic script
// that runs before the module scripts is the one place early enough.
globalThis.__zod_globalConfig = Object.assign(globalThis.__zod_globalConfig || {}, { jitless: true });
