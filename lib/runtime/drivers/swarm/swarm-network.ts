import type Dockerode from 'dockerode';
import { RuntimeError } from '../runtime-driver.ts';
import { dockerMessage, dockerStatus } from '../docker/docker-error.ts';
import { LABEL, loopbackNetworkNames } from './service-spec.ts';

// Where tasks live, and so how Tollgate reaches them.
//
// Loopback mode (default, one node): Swarm has no HostIp for published ports. A `host`-mode port
// with no PublishedPort gets a free port chosen by the node, but on 0.0.0.0 and [::] when the task
// sits on the default bridge: the app would answer on every interface of the machine. A bridge
// network binds published ports where its `com.docker.network.bridge.host_binding_ipv4` option
// says, and Swarm can run tasks on a bridge network made from a config-only network
// (`--config-only`, then `-d bridge --scope swarm --config-from`): so the namespace gets one, with
// host_binding_ipv4=127.0.0.1, and its tasks' ports answer on 127.0.0.1 only (IPv4 only, too).
// Config-only networks are node-local: this mode is for one node (see docs/swarm.md).
//
// Overlay mode (SWARM_NETWORK): the operator's overlay network, which Tollgate itself is attached
// to; tasks publish nothing and are reached at their own address on it.

async function inspectNetwork(docker: Dockerode, name: string): Promise<Dockerode.NetworkInspectInfo | null> {
  try {
    return await docker.getNetwork(name).inspect();
  } catch (error) {
    if (dockerStatus(error) === 404) return null;
    throw error;
  }
}

/** Creates a network unless it exists; two drivers racing to create it both succeed. */
async function createNetwork(docker: Dockerode, name: string, options: Dockerode.NetworkCreateOptions): Promise<void> {
  try {
    await docker.createNetwork({ ...options, Name: name, CheckDuplicate: true });
  } catch (error) {
    if (dockerStatus(error) === 409) return;
    throw new RuntimeError(`cannot create network ${name}: ${dockerMessage(error)}`);
  }
}

/** Makes sure the namespace's loopback network exists; answers its name. */
export async function ensureLoopbackNetwork(docker: Dockerode, namespace: string): Promise<string> {
  const names = loopbackNetworkNames(namespace);
  const existing = await inspectNetwork(docker, names.network);
  if (existing) return checkLoopback(existing, names);
  await createNetwork(docker, names.config, {
    Name: names.config,
    ConfigOnly: true,
    Options: {
      'com.docker.network.bridge.host_binding_ipv4': '127.0.0.1',
      // Apps do not talk to each other, only Tollgate to them (enforced where dockerd manages iptables).
      'com.docker.network.bridge.enable_icc': 'false',
    },
    // A network made from a config network takes no options (nor labels) of its own: they live here.
    Labels: { [LABEL.managed]: 'true', [LABEL.namespace]: namespace },
  });
  await createNetwork(docker, names.network, {
    Name: names.network,
    Driver: 'bridge',
    Scope: 'swarm',
    ConfigFrom: { Network: names.config },
  });
  const created = await inspectNetwork(docker, names.network);
  if (!created) throw new RuntimeError(`network ${names.network} vanished right after its creation`);
  return checkLoopback(created, names);
}

function checkLoopback(network: Dockerode.NetworkInspectInfo, names: { network: string; config: string }): string {
  // The driver reads "" until a task has used the network on this node: the config network says it all.
  if (network.Scope !== 'swarm' || network.ConfigFrom?.Network !== names.config || !['', 'bridge'].includes(network.Driver)) {
    throw new RuntimeError(
      `network ${names.network} exists but is not the swarm-scoped bridge made from ${names.config} (driver "${network.Driver}", scope ${network.Scope}): remove it, and Tollgate creates it again`,
    );
  }
  return names.network;
}

/** Checks the operator's overlay network (SWARM_NETWORK); Tollgate does not create it, since it must be attached to it itself. */
export async function checkOverlayNetwork(docker: Dockerode, name: string): Promise<string> {
  const network = await inspectNetwork(docker, name);
  if (!network) {
    throw new RuntimeError(
      `SWARM_NETWORK ${name} does not exist: create it (docker network create -d overlay --attachable ${name}) and run Tollgate attached to it`,
    );
  }
  if (network.Driver !== 'overlay' || network.Scope !== 'swarm') {
    throw new RuntimeError(`SWARM_NETWORK ${name} is a ${network.Scope}-scoped ${network.Driver} network, not a swarm overlay network`);
  }
  return name;
}

/** Removes the namespace's loopback network (tests, uninstall); fails while tasks still use it. */
export async function removeLoopbackNetwork(docker: Dockerode, namespace: string): Promise<void> {
  const names = loopbackNetworkNames(namespace);
  for (const name of [names.network, names.config]) {
    try {
      await docker.getNetwork(name).remove();
    } catch (error) {
      if (dockerStatus(error) !== 404) throw new RuntimeError(`cannot remove network ${name}: ${dockerMessage(error)}`);
    }
  }
}
