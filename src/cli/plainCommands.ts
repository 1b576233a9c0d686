/**
 * The commands a startup snapshot does not serve: they load packages (Vega, resvg, ws) a snapshot
 * cannot hold. bin/thaw starts the plain program for them; it lists them too (tested).
 */
export const PLAIN_COMMANDS: ReadonlySet<string> = new Set(['chart', 'compare', 'inspect', 'export']);
