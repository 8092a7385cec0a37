import { loadCluener } from '../src/bench/cluener.js';
import { scoreCluener } from '../src/bench/facts.js';
const all = loadCluener('../shared/bench/cluener/cluener_train.json').filter((_, k) => k % 10 === 0);
const r = scoreCluener(all); console.log(JSON.stringify({ names: r.names, positions: r.positions }));
