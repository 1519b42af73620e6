// Run by swarm-driver.test.ts inside a container attached to an overlay network, as Tollgate runs in
// the multi-node topology (docs/swarm.md): applies an app with SWARM_NETWORK set, asks each replica
// at the address the driver reports (its task address on the overlay), and prints one JSON line.
// The app is left running: the test checks it from the host, then removes it.
import Dockerode from 'dockerode';
import { HELLO, runSpec } from '../../lib/runtime/drivers/shared/test-fixtures/runtime-test-kit.ts';
import { SwarmDriver } from '../../lib/runtime/drivers/swarm/swarm-driver.ts';

const namespace = process.env.NAMESPACE ?? '';
const appId = process.env.APP_ID ?? '';
const docker = new Dockerode();
const driver = new SwarmDriver({ docker, namespace, network: process.env.SWARM_NETWORK!, readyTimeoutMs: 20_000 });
try {
  const progress: string[] = [];
  const observed = await driver.apply(
    runSpec({ appId, image: `${HELLO}:latest`, replicas: 2 }),
    (line) => progress.push(line),
  );
  const answers = await Promise.all(
    observed.replicas.map(async (r) => (r.address ? (await fetch(`http://${r.address.host}:${r.address.port}/`)).text() : 'no address')),
  );
  console.log(JSON.stringify({ replicas: observed.replicas.map(({ slot, state, address }) => ({ slot, state, address })), answers, progress }));
} catch (error) {
  console.log(JSON.stringify({ error: error instanceof Error ? error.message : String(error) }));
  process.exitCode = 1;
} finally {
  await driver.close();
}
