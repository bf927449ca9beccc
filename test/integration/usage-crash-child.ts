// Child process for usage-crash-safety.test.ts: records one request per millisecond into the usage
// store named by argv[2] and prints "handed <count> <epoch ms>" after every 10th, until it is killed.
import { testRequestFinished } from '../../src-proxy/usage/test-request-finished.fixture';
import { UsageStore } from '../../src-proxy/usage/usage-store';

const path = process.argv[2];
if (!path) throw new Error('usage: usage-crash-child.ts <usage.sqlite>');
const store = UsageStore.open(path);
let handed = 0;
process.stdout.write('ready\n');
setInterval(() => {
  handed += 1;
  const now = Date.now();
  store.record(testRequestFinished({ id: String(handed), startedAt: now }));
  if (handed % 10 === 0) process.stdout.write(`handed ${handed} ${now}\n`);
}, 1);
