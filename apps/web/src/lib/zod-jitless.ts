/**
 * The CSP forbids eval. On its first parse zod probes `new Function("")` (for its faster
 * compiled parsers); the browser reports that blocked probe as a CSP violation. `jitless`
 * skips the probe. Set through zod's global config object (what `z.config()` writes) so
 * the initial bundle does not pull in zod's core: imported first by main.tsx, it runs
 * before any schema parses.
 */
const holder = globalThis as { __zod_globalConfig?: { jitless?: boolean } }
holder.__zod_globalConfig ??= {}
holder.__zod_globalConfig.jitless = true
