import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function swarmState(): { state: string; manager: boolean } {
  const result = spawnSync('docker', ['info', '--format', '{{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}}'], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`docker info failed: ${result.stderr.trim()}: the swarm tests need a Docker engine`);
  const [state = '', manager] = result.stdout.trim().split(' ');
  return { state, manager: manager === 'true' };
}

/**
 * Builds the test images once per run (kept when up to date), and makes the engine a one-node swarm
 * when it is none yet. A swarm that is already there (another run, another suite) is used as it
 * is, and never left: leaving would take down every service on it.
 */
export default function setup(): void {
  const build = spawnSync(process.execPath, [path.join(root, 'scripts', 'images-build.mjs')], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error(`npm run images:build failed (exit ${build.status}): the swarm tests need a Docker engine`);

  let swarm = swarmState();
  if (swarm.state === 'inactive') {
    const init = spawnSync('docker', ['swarm', 'init', '--advertise-addr', '127.0.0.1'], { encoding: 'utf8' });
    // Someone else may have initialised it meanwhile: what counts is the state afterwards.
    swarm = swarmState();
    if (swarm.state !== 'active') throw new Error(`docker swarm init failed: ${init.stderr.trim()}`);
  }
  if (swarm.state !== 'active' || !swarm.manager) {
    throw new Error(`the swarm tests need this engine to be a swarm manager; its swarm state is "${swarm.state}"${swarm.manager ? '' : ' (not a manager)'}`);
  }
}
