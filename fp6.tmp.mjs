import { sequences } from './.bench/bench/events.js';
import { initialReducerState, reduce } from './.bench/bench/reducer.js';
import { relationshipEngine } from './.bench/src/engine/relationshipEngine.js';
const all = sequences(400, 60);
const engine = relationshipEngine();
for (const s of all) engine.run(s);
function slice(run) { let n = 0; const t = performance.now(); for (let r = 0; performance.now() - t < 300; r++) { const s = all[r % all.length]; run(s); n += s.length; } return n / ((performance.now() - t) / 1000); }
const red = (s) => { const st = initialReducerState(); for (const e of s) reduce(st, e); };
const fast = (s) => { const st = engine.initialState(); for (const e of s) engine.step(st, e); };
const m = { red: [], fast: [] };
for (let i = 0; i < 7; i++) { m.red.push(slice(red)); m.fast.push(slice(fast)); }
const med = (x) => x.sort((p, q) => p - q)[3];
console.log(process.argv[2] ?? '', 'ratio', (med(m.fast) / med(m.red)).toFixed(3), (1e9 / med(m.red)).toFixed(0), (1e9 / med(m.fast)).toFixed(0));
