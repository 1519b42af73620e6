// Typed views of what the engine answers for services and tasks (dockerode types them `any`): only
// the fields the driver reads, every one optional, since an older or newer engine may omit any.

export interface SwarmPort {
  Protocol?: string;
  TargetPort?: number;
  PublishedPort?: number;
  PublishMode?: string;
}

export interface SwarmContainerSpec {
  Image?: string;
  Labels?: Record<string, string>;
  Args?: string[];
  Env?: string[];
}

export interface SwarmServiceSpec {
  Name?: string;
  Labels?: Record<string, string>;
  TaskTemplate?: {
    ContainerSpec?: SwarmContainerSpec;
    RestartPolicy?: { Condition?: string; Delay?: number; MaxAttempts?: number; Window?: number };
    ForceUpdate?: number;
    Networks?: { Target?: string }[];
    [key: string]: unknown;
  };
  Mode?: { Replicated?: { Replicas?: number }; [key: string]: unknown };
  UpdateConfig?: { Parallelism?: number; Delay?: number; FailureAction?: string; Monitor?: number; MaxFailureRatio?: number; Order?: string };
  RollbackConfig?: { Parallelism?: number; Delay?: number; FailureAction?: string; Monitor?: number; MaxFailureRatio?: number; Order?: string };
  EndpointSpec?: { Mode?: string; Ports?: SwarmPort[] };
  [key: string]: unknown;
}

/** Swarm's UpdateStatus.State. */
export type UpdateState = 'updating' | 'paused' | 'completed' | 'rollback_started' | 'rollback_paused' | 'rollback_completed';

export interface SwarmService {
  ID: string;
  Version?: { Index?: number };
  CreatedAt?: string;
  Spec?: SwarmServiceSpec;
  PreviousSpec?: SwarmServiceSpec;
  UpdateStatus?: { State?: UpdateState; Message?: string };
}

/**
 * Swarm's task states, in the order a task goes through them. Anything past `running` is final:
 * a task is never restarted, Swarm creates a new task in the same slot instead.
 */
export const TASK_STATES = [
  'new',
  'allocated',
  'pending',
  'assigned',
  'accepted',
  'preparing',
  'ready',
  'starting',
  'running',
  'complete',
  'shutdown',
  'failed',
  'rejected',
  'remove',
  'orphaned',
] as const;
export type TaskState = (typeof TASK_STATES)[number];

export interface SwarmTask {
  ID: string;
  ServiceID?: string;
  Slot?: number;
  NodeID?: string;
  CreatedAt?: string;
  DesiredState?: TaskState;
  Spec?: { ContainerSpec?: SwarmContainerSpec; ForceUpdate?: number };
  Status?: {
    Timestamp?: string;
    State?: TaskState;
    Message?: string;
    Err?: string;
    ContainerStatus?: { ContainerID?: string; PID?: number; ExitCode?: number };
    PortStatus?: { Ports?: SwarmPort[] };
  };
  NetworksAttachments?: { Network?: { ID?: string; Spec?: { Name?: string } }; Addresses?: string[] }[];
}

const FINAL: ReadonlySet<string> = new Set(['complete', 'shutdown', 'failed', 'rejected', 'remove', 'orphaned']);

/** Past `running`: the task's container is gone or going, for good. */
export function isFinal(state: TaskState | undefined): boolean {
  return state !== undefined && FINAL.has(state);
}

/** Ended on its own (exited, crashed, or could not start), as opposed to stopped by Swarm (`shutdown`). */
export function endedOnItsOwn(state: TaskState | undefined): boolean {
  return state === 'failed' || state === 'complete' || state === 'rejected';
}

/** Swarm still wants the task: running, or about to start (`ready` is a task waiting out a restart delay). */
export function isWanted(task: SwarmTask): boolean {
  return task.DesiredState === 'running' || task.DesiredState === 'ready';
}

export function createdAt(task: SwarmTask): number {
  const time = Date.parse(task.CreatedAt ?? '');
  return Number.isNaN(time) ? 0 : time;
}
