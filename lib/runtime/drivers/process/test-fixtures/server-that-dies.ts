// A Tollgate server in miniature for exit-with-server.test.ts: runs two apps with the process
// driver, prints their pids as one JSON line, then dies as told: `exit` (process.exit, as after an
// uncaught error) or `wait` (until the test SIGKILLs it).
import { ProcessDriver } from '../process-driver.ts';

const driver = new ProcessDriver({ log: () => {} });
const base = {
  generation: 1,
  env: [],
  port: 8080,
  probe: { path: '/', port: 8080 },
  resources: { cpu: null, memoryMiB: null },
  replicas: 1,
};
// A built-in image (it exits on the IPC disconnect itself) and a `node -e` app that knows nothing of it.
const hello = await driver.apply({ ...base, appId: 'hello', image: 'infrastructureascode/hello-world', command: null }, () => {});
const plain = await driver.apply(
  {
    ...base,
    appId: 'plain',
    image: 'tollgate/echo',
    command: ['node', '-e', `require('http').createServer((q, s) => s.end('plain')).listen(Number(process.env.PORT), process.env.HOST); process.on('SIGTERM', () => {});`],
  },
  () => {},
);
const pids = [...hello.replicas, ...plain.replicas].map((r) => driver.pid(r.id));
console.log(JSON.stringify(pids));
if (process.argv[2] === 'exit') process.exit(1);
setInterval(() => {}, 1_000);
