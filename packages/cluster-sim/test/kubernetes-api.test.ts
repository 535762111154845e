import {
  CoreV1Api,
  KubeConfig,
  PatchStrategy,
  setHeaderOptions,
  type V1Deployment,
  VersionApi,
} from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClusterSim, startClusterSim } from '../src/index';
import { clients, raw, START, statusOf } from './helpers';

const deployment = (name: string, namespace = 'default'): V1Deployment => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace, labels: { app: name, tier: 'web' } },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name } },
      spec: {
        containers: [
          {
            name: 'web',
            image: 'nginx:1.25',
            ports: [{ containerPort: 80 }],
            env: [{ name: 'MODE', value: 'a' }],
            readinessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 10 },
          },
          { name: 'sidecar', image: 'busybox:1.36', command: ['sleep', 'infinity'] },
        ],
      },
    },
  },
});

describe('Kubernetes REST API through @kubernetes/client-node', () => {
  let sim: ClusterSim;
  let api: ReturnType<typeof clients>;

  beforeAll(async () => {
    sim = await startClusterSim({ manualClock: true, startTime: START });
    api = clients(sim);
  });
  afterAll(() => sim.close());

  it('serves version and discovery', async () => {
    const version = await api.kc.makeApiClient(VersionApi).getCode();
    expect(version.gitVersion).toMatch(/^v1\.\d+\.\d+$/);
    const core = JSON.parse((await raw(sim, 'GET', '/api/v1')).text) as { resources: { name: string }[] };
    expect(core.resources.map((r) => r.name)).toEqual(
      expect.arrayContaining([
        'pods',
        'pods/log',
        'pods/proxy',
        'events',
        'nodes',
        'namespaces',
        'services',
        'configmaps',
      ]),
    );
    const apps = JSON.parse((await raw(sim, 'GET', '/apis/apps/v1')).text) as {
      resources: { name: string }[];
    };
    expect(apps.resources.map((r) => r.name)).toEqual(expect.arrayContaining(['deployments', 'replicasets']));
    const groups = JSON.parse((await raw(sim, 'GET', '/apis')).text) as { groups: { name: string }[] };
    expect(groups.groups.map((g) => g.name)).toContain('apps');
    const namespaces = await api.core.listNamespace();
    expect(namespaces.items.map((n) => n.metadata?.name)).toEqual(
      expect.arrayContaining(['default', 'kube-system', 'kube-public', 'kube-node-lease']),
    );
    const nodes = await api.core.listNode();
    expect(nodes.items.map((n) => n.metadata?.name)).toEqual(['sim-node-1']);
    expect(nodes.items[0]?.status?.allocatable).toMatchObject({ cpu: '4', memory: '8Gi' });
  });

  it('answers 401 Unauthorized without the bearer token', async () => {
    const other = new KubeConfig();
    other.loadFromString(sim.kubeconfig().replace(sim.token, 'wrong-token'));
    const failure = await statusOf(other.makeApiClient(CoreV1Api).listNamespace());
    expect(failure?.code).toBe(401);
    const anonymous = await raw(sim, 'GET', '/api/v1/namespaces', { token: null });
    expect(anonymous.status).toBe(401);
    expect(JSON.parse(anonymous.text)).toMatchObject({
      kind: 'Status',
      status: 'Failure',
      reason: 'Unauthorized',
      code: 401,
    });
    expect((await raw(sim, 'GET', '/sim/v1/clock', { token: null })).status).toBe(401);
  });

  it('creates, reads, lists, replaces and deletes objects with Kubernetes errors', async () => {
    await api.core.createNamespace({ body: { metadata: { name: 'crud' } } });
    const created = await api.apps.createNamespacedDeployment({
      namespace: 'crud',
      body: deployment('web', 'crud'),
    });
    expect(created.metadata?.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.metadata?.generation).toBe(1);
    expect(created.spec?.strategy).toEqual({
      type: 'RollingUpdate',
      rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' },
    });
    expect(created.spec?.template.spec?.containers[0]?.readinessProbe).toMatchObject({
      timeoutSeconds: 1,
      failureThreshold: 3,
      successThreshold: 1,
    });

    const again = await statusOf(
      api.apps.createNamespacedDeployment({ namespace: 'crud', body: deployment('web', 'crud') }),
    );
    expect(again?.code).toBe(409);
    expect(again?.body).toMatchObject({
      kind: 'Status',
      reason: 'AlreadyExists',
      message: 'deployments.apps "web" already exists',
    });

    const missing = await statusOf(api.apps.readNamespacedDeployment({ namespace: 'crud', name: 'nope' }));
    expect(missing?.code).toBe(404);
    expect(missing?.body.message).toBe('deployments.apps "nope" not found');

    const noNamespace = await statusOf(
      api.apps.createNamespacedDeployment({ namespace: 'ghost', body: deployment('web', 'ghost') }),
    );
    expect(noNamespace?.code).toBe(404);
    expect(noNamespace?.body.message).toBe('namespaces "ghost" not found');

    const invalid = deployment('bad', 'crud');
    invalid.spec!.template.spec!.containers[0]!.image = '';
    const rejected = await statusOf(
      api.apps.createNamespacedDeployment({ namespace: 'crud', body: invalid }),
    );
    expect(rejected?.code).toBe(422);
    expect(rejected?.body.message).toBe(
      'Deployment.apps "bad" is invalid: spec.template.spec.containers[0].image: Required value',
    );

    const current = await api.apps.readNamespacedDeployment({ namespace: 'crud', name: 'web' });
    current.spec!.replicas = 3;
    const replaced = await api.apps.replaceNamespacedDeployment({
      namespace: 'crud',
      name: 'web',
      body: current,
    });
    expect(replaced.spec?.replicas).toBe(3);
    expect(replaced.metadata?.generation).toBe(2);
    expect(Number(replaced.metadata?.resourceVersion)).toBeGreaterThan(
      Number(current.metadata?.resourceVersion),
    );

    const listed = await api.apps.listNamespacedDeployment({ namespace: 'crud' });
    expect(listed.items.map((d) => d.metadata?.name)).toEqual(['web']);

    const cm = await api.core.createNamespacedConfigMap({
      namespace: 'crud',
      body: { metadata: { name: 'settings' }, data: { a: '1' } },
    });
    expect(cm.data).toEqual({ a: '1' });
    await api.core.deleteNamespacedConfigMap({ namespace: 'crud', name: 'settings' });
    expect(
      (await statusOf(api.core.readNamespacedConfigMap({ namespace: 'crud', name: 'settings' })))?.code,
    ).toBe(404);
  });

  it('rejects a write carrying a stale resourceVersion with 409 Conflict', async () => {
    await api.apps.createNamespacedDeployment({ namespace: 'default', body: deployment('conflict') });
    const first = await api.apps.readNamespacedDeployment({ namespace: 'default', name: 'conflict' });
    const stale = structuredClone(first);
    first.spec!.replicas = 1;
    await api.apps.replaceNamespacedDeployment({ namespace: 'default', name: 'conflict', body: first });
    stale.spec!.replicas = 4;
    const put = await statusOf(
      api.apps.replaceNamespacedDeployment({ namespace: 'default', name: 'conflict', body: stale }),
    );
    expect(put?.code).toBe(409);
    expect(put?.body).toMatchObject({
      reason: 'Conflict',
      message:
        'Operation cannot be fulfilled on deployments.apps "conflict": the object has been modified; please apply your changes to the latest version and try again',
    });
    const patch = await statusOf(
      api.apps.patchNamespacedDeployment(
        {
          namespace: 'default',
          name: 'conflict',
          body: { metadata: { resourceVersion: stale.metadata?.resourceVersion }, spec: { replicas: 5 } },
        },
        setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
      ),
    );
    expect(patch?.code).toBe(409);
    expect(
      (await api.apps.readNamespacedDeployment({ namespace: 'default', name: 'conflict' })).spec?.replicas,
    ).toBe(1);
  });

  it('patches with strategic merge (lists merged by key), merge patch and JSON patch', async () => {
    await api.apps.createNamespacedDeployment({ namespace: 'default', body: deployment('patched') });
    const strategic = await api.apps.patchNamespacedDeployment(
      {
        namespace: 'default',
        name: 'patched',
        body: {
          spec: {
            template: {
              spec: {
                containers: [
                  {
                    name: 'web',
                    readinessProbe: { httpGet: { path: '/index.html', port: 80 } },
                    env: [{ name: 'EXTRA', value: 'b' }],
                  },
                ],
              },
            },
          },
        },
      },
      setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch),
    );
    const containers = strategic.spec?.template.spec?.containers ?? [];
    expect(containers.map((c) => c.name)).toEqual(['web', 'sidecar']);
    expect(containers[0]?.readinessProbe?.httpGet?.path).toBe('/index.html');
    expect(containers[0]?.readinessProbe?.periodSeconds).toBe(10);
    expect(containers[0]?.env).toEqual([
      { name: 'MODE', value: 'a' },
      { name: 'EXTRA', value: 'b' },
    ]);
    expect(containers[0]?.ports).toEqual([{ containerPort: 80, protocol: 'TCP' }]);

    const merge = await api.apps.patchNamespacedDeployment(
      {
        namespace: 'default',
        name: 'patched',
        body: { metadata: { labels: { tier: null, team: 'a' } }, spec: { replicas: 1 } },
      },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    expect(merge.metadata?.labels).toEqual({ app: 'patched', team: 'a' });
    expect(merge.spec?.replicas).toBe(1);
    expect(merge.spec?.template.spec?.containers).toHaveLength(2);

    const json = await api.apps.patchNamespacedDeployment({
      namespace: 'default',
      name: 'patched',
      body: [
        { op: 'replace', path: '/spec/template/spec/containers/0/readinessProbe/periodSeconds', value: 15 },
        { op: 'remove', path: '/spec/template/spec/containers/1' },
      ],
    });
    expect(json.spec?.template.spec?.containers.map((c) => c.name)).toEqual(['web']);
    expect(json.spec?.template.spec?.containers[0]?.readinessProbe?.periodSeconds).toBe(15);

    const failedTest = await statusOf(
      api.apps.patchNamespacedDeployment({
        namespace: 'default',
        name: 'patched',
        body: [{ op: 'test', path: '/spec/replicas', value: 9 }],
      }),
    );
    expect(failedTest?.code).toBe(422);

    const objectAsJsonPatch = await statusOf(
      api.apps.patchNamespacedDeployment({
        namespace: 'default',
        name: 'patched',
        body: { spec: { replicas: 2 } },
      }),
    );
    expect(objectAsJsonPatch?.code).toBeGreaterThanOrEqual(400);
    expect(
      (await api.apps.readNamespacedDeployment({ namespace: 'default', name: 'patched' })).spec?.replicas,
    ).toBe(1);
  });

  it('answers 415 for a patch content type it does not know', async () => {
    const response = await statusOf(
      api.apps.patchNamespacedDeployment(
        { namespace: 'default', name: 'patched', body: { spec: { replicas: 2 } } },
        setHeaderOptions('Content-Type', 'application/json'),
      ),
    );
    expect(response?.code).toBe(415);
    expect(response?.body.reason).toBe('UnsupportedMediaType');
  });

  it('leaves the object unchanged on dryRun=All', async () => {
    const before = await api.apps.readNamespacedDeployment({ namespace: 'default', name: 'patched' });
    const result = await api.apps.patchNamespacedDeployment(
      { namespace: 'default', name: 'patched', dryRun: 'All', body: { spec: { replicas: 7 } } },
      setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch),
    );
    expect(result.spec?.replicas).toBe(7);
    const after = await api.apps.readNamespacedDeployment({ namespace: 'default', name: 'patched' });
    expect(after.spec?.replicas).toBe(before.spec?.replicas);
    expect(after.metadata?.resourceVersion).toBe(before.metadata?.resourceVersion);

    const invalid = await statusOf(
      api.apps.patchNamespacedDeployment(
        { namespace: 'default', name: 'patched', dryRun: 'All', body: { spec: { replicas: -1 } } },
        setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
      ),
    );
    expect(invalid?.code).toBe(422);

    await api.apps.createNamespacedDeployment({
      namespace: 'default',
      dryRun: 'All',
      body: deployment('dry'),
    });
    expect(
      (await statusOf(api.apps.readNamespacedDeployment({ namespace: 'default', name: 'dry' })))?.code,
    ).toBe(404);
  });

  it('filters with label selectors (equality and set-based) and field selectors', async () => {
    await api.core.createNamespacedConfigMap({
      namespace: 'default',
      body: { metadata: { name: 'a', labels: { env: 'prod', team: 'x' } } },
    });
    await api.core.createNamespacedConfigMap({
      namespace: 'default',
      body: { metadata: { name: 'b', labels: { env: 'dev' } } },
    });
    await api.core.createNamespacedConfigMap({
      namespace: 'default',
      body: { metadata: { name: 'c', labels: { env: 'test', team: 'y' } } },
    });
    const names = async (labelSelector?: string, fieldSelector?: string) =>
      (
        await api.core.listNamespacedConfigMap({ namespace: 'default', labelSelector, fieldSelector })
      ).items.map((c) => c.metadata?.name);
    expect(await names('env=prod')).toEqual(['a']);
    expect(await names('env!=prod')).toEqual(['b', 'c']);
    expect(await names('env in (dev,test)')).toEqual(['b', 'c']);
    expect(await names('env notin (dev),team')).toEqual(['a', 'c']);
    expect(await names('!team')).toEqual(['b']);
    expect(await names(undefined, 'metadata.name=b')).toEqual(['b']);
    const bad = await statusOf(
      api.core.listNamespacedConfigMap({ namespace: 'default', fieldSelector: 'data.a=1' }),
    );
    expect(bad?.code).toBe(400);

    sim.advance(30);
    const pods = await api.core.listNamespacedPod({
      namespace: 'default',
      fieldSelector: 'spec.nodeName=sim-node-1,status.phase=Running',
    });
    expect(pods.items.length).toBeGreaterThan(0);
    const pod = pods.items[0]!;
    const events = await api.core.listNamespacedEvent({
      namespace: 'default',
      fieldSelector: `involvedObject.name=${pod.metadata?.name},involvedObject.kind=Pod`,
    });
    expect(events.items.map((e) => e.reason)).toEqual(
      expect.arrayContaining(['Scheduled', 'Pulled', 'Created', 'Started']),
    );
    expect(events.items.every((e) => e.involvedObject.name === pod.metadata?.name)).toBe(true);
  });

  it('ignores limit and continue without breaking', async () => {
    const page = await api.core.listNamespacedConfigMap({ namespace: 'default', limit: 1, _continue: '' });
    expect(page.items.length).toBeGreaterThan(1);
  });
});
