import { readScenario } from './dist/scenario/readScenario.js';
import { replay } from './dist/replay/replay.js';
import { exploreOrderings } from './dist/explore/exploreOrderings.js';
const rec = readScenario('scenarios/record.yaml', { sourcesDir: null });
const ids = 'attache-restored,chase-liu-meeting,san-francisco-summit,san-francisco-agreement,policy-talks-bans-lifted,brown-liu-call,dong-appointed,policy-talks-held,mmca-talks-held,austin-dong-call'.split(',');
const first = rec.events.findIndex(e => ids.includes(e.id));
const prefix = { ...rec, events: rec.events.slice(0, first).filter(e => !ids.includes(e.id)), checkpoints: [] };
const start = replay(prefix).finalSnapshot;
const cands = ids.map(id => rec.events.find(e => e.id === id));
for (const subsets of [false, true]) {
  const t = performance.now();
  const r = exploreOrderings(start, cands, { subsets });
  console.log(((performance.now() - t) / 1000).toFixed(2) + 's', JSON.stringify(r));
}
