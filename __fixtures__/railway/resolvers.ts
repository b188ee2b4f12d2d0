/**
 * The emulator's root resolvers: what each operation does to the World, with Railway's auth
 * rules (a project token sees one environment; errors come back inside HTTP 200).
 */
import type { Auth } from './emulator.js';
import type { EmulatedDeployment, World } from './world.js';

type Args = Record<string, unknown>;

export function resolvers(world: World, auth: Auth | undefined) {
  const need = (environmentId?: unknown) => {
    if (!auth) throw new Error('Not Authorized');
    if (
      auth.kind === 'project' &&
      environmentId !== undefined &&
      environmentId !== auth.environmentId
    ) {
      throw new Error('Not Authorized');
    }
  };
  const deployment = (id: unknown) => {
    world.advance();
    const found = world.deployments.find((d) => d.id === id);
    if (!found) throw new Error('Deployment not found');
    need(found.environmentId);
    return found;
  };
  return {
    project: ({ id }: Args) => {
      need();
      if (id !== world.projectId) throw new Error('Project not found');
      const envs = world.environments.filter(
        (e) => auth?.kind !== 'project' || e.id === auth.environmentId,
      );
      const edges = <T>(list: T[]) => ({ edges: list.map((node) => ({ cursor: 'c', node })) });
      return {
        id: world.projectId,
        name: world.projectName,
        environments: () => edges(envs.map((e) => ({ ...e, projectId: world.projectId }))),
        services: () =>
          edges(
            world.services.map((s) => ({ id: s.id, name: s.name, projectId: world.projectId })),
          ),
      };
    },
    projectToken: () => {
      if (auth?.kind !== 'project') throw new Error('Project Token not found');
      return { projectId: world.projectId, environmentId: auth.environmentId };
    },
    deployment: ({ id }: Args) => view(deployment(id)),
    deployments: ({ input, first }: Args) => {
      const { serviceId, environmentId } = input as Args;
      need(environmentId);
      world.advance();
      const list = world
        .listed(String(serviceId), environmentId as string | undefined)
        .slice(0, typeof first === 'number' ? first : 100);
      return { edges: list.map((d) => ({ cursor: d.id, node: view(d) })) };
    },
    buildLogs: ({ deploymentId }: Args) => logs(deployment(deploymentId), 'build'),
    deploymentLogs: ({ deploymentId }: Args) => logs(deployment(deploymentId), 'deploy'),
    // Values rendered: a reference to another service's variable shows its value, as
    // Railway's dashboard and CLI `railway variables` show it (docs `variables.md`).
    variables: ({ projectId, environmentId, serviceId }: Args) => {
      need(environmentId);
      if (projectId !== world.projectId) throw new Error('Project not found');
      return world.variablesOf(String(serviceId), String(environmentId));
    },
    // Creating and deleting environments needs an account or workspace token: a project
    // token is scoped to one environment (docs `integrations/api/manage-environments.md`).
    environmentCreate: ({ input }: Args) => {
      if (auth?.kind !== 'account') throw new Error('Not Authorized');
      const { projectId, name, sourceEnvironmentId, ephemeral } = input as Args;
      if (projectId !== world.projectId) throw new Error('Project not found');
      const env = world.createEnvironment(
        String(name),
        sourceEnvironmentId as string | undefined,
        ephemeral === true,
      );
      return { ...env, projectId: world.projectId, volumeInstances: { edges: [] } };
    },
    environmentDelete: ({ id }: Args) => {
      if (auth?.kind !== 'account') throw new Error('Not Authorized');
      world.deleteEnvironment(String(id));
      return true;
    },
    serviceDomainCreate: ({ input }: Args) => {
      const { serviceId, environmentId } = input as Args;
      need(environmentId);
      const domain = world.createDomain(String(serviceId), String(environmentId));
      return { domain, id: domain, serviceId, environmentId };
    },
    environment: ({ id }: Args) => {
      need(id);
      const env = world.environments.find((e) => e.id === id);
      if (!env) throw new Error('Environment not found');
      const nodes = world.volumes
        .filter((v) => v.environmentId === id)
        .map((v) => ({ id: v.id, serviceId: v.serviceId, mountPath: '/var/lib/postgresql/data' }));
      return {
        ...env,
        volumeInstances: { edges: nodes.map((node) => ({ cursor: node.id, node })) },
      };
    },
    volumeInstanceBackupCreate: ({ volumeInstanceId, name }: Args) => {
      need(world.volumes.find((v) => v.id === volumeInstanceId)?.environmentId);
      return { workflowId: world.startBackup(String(volumeInstanceId), String(name ?? 'backup')) };
    },
    volumeInstanceBackupList: ({ volumeInstanceId }: Args) => {
      world.settleWorkflows();
      const volume = world.volumes.find((v) => v.id === volumeInstanceId);
      if (!volume) throw new Error('Volume instance not found');
      need(volume.environmentId);
      return volume.backups.map((b) => ({ ...b, createdAt: new Date(b.createdAt).toISOString() }));
    },
    volumeInstanceBackupRestore: ({ volumeInstanceBackupId, volumeInstanceId }: Args) => {
      need(world.volumes.find((v) => v.id === volumeInstanceId)?.environmentId);
      return {
        workflowId: world.startRestore(String(volumeInstanceBackupId), String(volumeInstanceId)),
      };
    },
    workflowStatus: ({ workflowId }: Args) => {
      need();
      return world.workflowStatus(String(workflowId));
    },
    serviceInstance: ({ serviceId, environmentId }: Args) => {
      need(environmentId);
      if (!world.services.some((s) => s.id === serviceId)) throw new Error('Service not found');
      const instance = world.instance(String(serviceId), String(environmentId));
      return {
        ...instance,
        domains: {
          customDomains: [],
          serviceDomains: instance.domains.map((domain) => ({
            domain,
            id: domain,
            serviceId,
            environmentId,
          })),
        },
        source:
          instance.image || instance.repo ? { image: instance.image, repo: instance.repo } : null,
      };
    },
    serviceInstanceUpdate: ({ serviceId, environmentId, input }: Args) => {
      need(environmentId);
      const service = world.services.find((s) => s.id === serviceId);
      if (!service) throw new Error('Service not found');
      const instance = world.instance(String(serviceId), String(environmentId));
      const update = input as Args;
      const image = (update.source as Args | undefined)?.image;
      if (typeof image === 'string') Object.assign(instance, { image, repo: null });
      // A field given (null included) is set; an empty list clears the pre-deploy command.
      if ('healthcheckPath' in update)
        instance.healthcheckPath = (update.healthcheckPath as string) ?? null;
      if ('healthcheckTimeout' in update)
        instance.healthcheckTimeout = (update.healthcheckTimeout as number) ?? null;
      if ('preDeployCommand' in update) {
        const command = update.preDeployCommand as string[] | null;
        instance.preDeployCommand = command && command.length ? command : null;
      }
      return true;
    },
    serviceInstanceDeployV2: ({ serviceId, environmentId, commitSha }: Args) => {
      need(environmentId);
      const service = world.services.find((s) => s.id === serviceId);
      if (!service) throw new Error('Service not found');
      const instance = world.instance(String(serviceId), String(environmentId));
      if (commitSha && !instance.repo) throw new Error('Commit not found');
      return world.create(service.id, String(environmentId), 'deploy', {
        image: instance.image ?? undefined,
        commitHash: instance.repo ? ((commitSha as string | undefined) ?? 'head') : undefined,
      }).id;
    },
    deploymentRollback: ({ id }: Args) => {
      const target = deployment(id);
      if (!target.canRollback) throw new Error('Deployment cannot be rolled back');
      world.create(target.serviceId, target.environmentId, 'rollback', {
        image: target.meta.image,
        commitHash: target.meta.commitHash,
        rollbackOf: target.id,
      });
      return true;
    },
    deploymentRedeploy: ({ id }: Args) => {
      const target = deployment(id);
      // CLI src/commands/redeploy.rs: "cannot be redeployed ... was removed".
      if (target.status === 'REMOVED' || target.status === 'REMOVING')
        throw new Error('Deployment cannot be redeployed because it was removed');
      return view(
        world.create(target.serviceId, target.environmentId, 'redeploy', {
          image: target.meta.image,
          rollbackOf: target.id,
        }),
      );
    },
    deploymentCancel: ({ id }: Args) => {
      if (!world.cancel(deployment(id))) throw new Error('Deployment is not in progress');
      return true;
    },
  };
}

export function view(d: EmulatedDeployment) {
  return {
    id: d.id,
    status: d.status,
    createdAt: new Date(d.createdAt).toISOString(),
    statusUpdatedAt: new Date(d.statusUpdatedAt).toISOString(),
    canRollback: d.canRollback,
    canRedeploy: true,
    meta: d.meta,
    instances: d.instances.map((status, i) => ({ id: `${d.id}-i${i}`, status })),
    creator: d.creator ? { id: 'usr-1', email: 'x@example.test', name: d.creator } : null,
    projectId: 'prj-sigmasight',
    environmentId: d.environmentId,
    serviceId: d.serviceId,
  };
}

function logs(d: EmulatedDeployment, kind: 'build' | 'deploy') {
  const at = new Date(d.createdAt).toISOString();
  const lines =
    kind === 'build'
      ? [`Pulling image ${d.meta.image ?? d.meta.commitHash ?? ''}`, 'Image pulled']
      : d.status === 'FAILED'
        ? ['Starting Container', 'Healthcheck failed: /health returned 503', 'Deployment failed']
        : d.status === 'CRASHED'
          ? ['Starting Container', 'Error: connection refused', 'Container exited with code 1']
          : ['Starting Container'];
  return lines.map((message) => ({ timestamp: at, message, severity: 'info' }));
}
