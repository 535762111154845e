import { describe, expect, it } from 'vitest';
import { resourceTypes } from '../src/api/resources';
import { Cluster, observeWorkload } from '../src/index';
import type { Deployment, KubeEvent, Pod } from '../src/kube/types';
import { START, scenarioManifests } from './helpers';

describe('deployment controller', () => {
  it('rolls out a new template within maxSurge and maxUnavailable, with revisions and ScalingReplicaSet events', () => {
    const cluster = new Cluster({ startTime: START });
    cluster.bootstrap(scenarioManifests('nginx-deployment'));
    cluster.advance(30);
    let maxPods = 0;
    let minReady = Number.POSITIVE_INFINITY;
    cluster.store.subscribe((event) => {
      if (event.resource !== resourceTypes.pods) return;
      const pods = (cluster.store.list(resourceTypes.pods, 'default') as Pod[]).filter(
        (p) => !p.metadata.deletionTimestamp,
      );
      maxPods = Math.max(maxPods, pods.length);
      minReady = Math.min(
        minReady,
        pods.filter((p) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'))
          .length,
      );
    });
    cluster.api.patch(
      resourceTypes.deployments,
      'default',
      'nginx-deployment',
      { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.26' }] } } } },
      'strategic',
    );
    cluster.settle();
    cluster.advance(120);
    const deployment = cluster.store.get(
      resourceTypes.deployments,
      'default',
      'nginx-deployment',
    ) as Deployment;
    // replicas 3: maxSurge 25% rounds up to 1, maxUnavailable 25% rounds down to 0.
    expect(maxPods).toBe(4);
    expect(minReady).toBe(3);
    expect(deployment.metadata.generation).toBe(2);
    expect(deployment.status).toMatchObject({
      observedGeneration: 2,
      replicas: 3,
      updatedReplicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
    });
    expect(deployment.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
    const replicaSets = cluster.store.list(resourceTypes.replicasets, 'default');
    expect(replicaSets.map((rs) => (rs.spec as { replicas: number }).replicas).sort()).toEqual([0, 3]);
    for (const rs of replicaSets) {
      expect(rs.metadata.name).toBe(`nginx-deployment-${rs.metadata.labels?.['pod-template-hash']}`);
    }
    const scaling = (cluster.store.list(resourceTypes.events, 'default') as KubeEvent[])
      .filter((e) => e.reason === 'ScalingReplicaSet')
      .map((e) => e.message.replace(/nginx-deployment-\w+/, 'RS'));
    expect(scaling).toEqual(
      expect.arrayContaining([
        'Scaled up replica set RS from 0 to 3',
        'Scaled up replica set RS from 0 to 1',
        'Scaled down replica set RS from 3 to 2',
      ]),
    );
    const pods = observeWorkload(cluster, 'default', 'nginx-deployment').pods;
    expect(pods.map((p) => p.name).every((n) => /^nginx-deployment-\w+-[a-z0-9]{5}$/.test(n))).toBe(true);
  });
});

describe('kubelet', () => {
  it('restarts a crashing container with CrashLoopBackOff back-off doubling from 10 s', () => {
    const cluster = new Cluster({ startTime: START });
    cluster.bootstrap(scenarioManifests('missing-env').replace('replicas: 2', 'replicas: 1'));
    const starts: number[] = [];
    cluster.store.subscribe((event) => {
      if (event.resource !== resourceTypes.events) return;
      const e = event.object as KubeEvent;
      if (event.type === 'ADDED' && e.reason === 'Started') starts.push(cluster.now());
      if (event.type === 'MODIFIED' && e.reason === 'Started') starts.push(cluster.now());
    });
    cluster.advance(200);
    const gaps = starts.slice(1).map((t, i) => Math.round((t - starts[i]!) / 1000));
    // Each run lasts 0.1 s; the kubelet restarts at once the first time, then waits 10 s, 20 s, 40 s, 80 s.
    expect(gaps).toEqual([1, 10, 20, 40, 80]);
    const pod = cluster.store.list(resourceTypes.pods, 'default')[0] as Pod;
    expect(pod.status?.containerStatuses?.[0]?.state.waiting?.message).toMatch(
      /^back-off 2m40s restarting failed container=orders pod=orders-\w+-\w+_default\(/,
    );
  });
});

describe('probes', () => {
  const slowApp = (timeoutSeconds: number) => `apiVersion: apps/v1
kind: Deployment
metadata: { name: slow, namespace: default }
spec:
  replicas: 1
  selector: { matchLabels: { app: slow } }
  template:
    metadata:
      labels: { app: slow }
      annotations: { sim.aiops.dev/response-ms: "1500", sim.aiops.dev/http-paths: "/ready" }
    spec:
      containers:
        - name: app
          image: registry.example.com/slow:1.0.0
          ports: [{ containerPort: 8080 }]
          readinessProbe: { httpGet: { path: /ready, port: 8080 }, timeoutSeconds: ${timeoutSeconds}, periodSeconds: 5 }
`;

  it('fails a probe slower than its timeout, and passes it with a longer timeout', () => {
    const cluster = new Cluster({ startTime: START });
    cluster.bootstrap(slowApp(1));
    cluster.advance(60);
    const slow = observeWorkload(cluster, 'default', 'slow');
    expect(slow.pods[0]?.ready).toBe(false);
    expect(slow.events.find((e) => e.reason === 'Unhealthy')?.message).toMatch(
      /^Readiness probe failed: Get "http:\/\/10\.244\.0\.\d+:8080\/ready": context deadline exceeded \(Client\.Timeout exceeded while awaiting headers\)$/,
    );
    cluster.apply(slowApp(2));
    cluster.advance(30);
    expect(observeWorkload(cluster, 'default', 'slow').allReplicasReady).toBe(true);
  });

  it('refuses connections on a port the container does not declare', () => {
    const cluster = new Cluster({ startTime: START });
    cluster.bootstrap(slowApp(2).replace('port: 8080 }, timeoutSeconds', 'port: 9090 }, timeoutSeconds'));
    cluster.advance(30);
    const workload = observeWorkload(cluster, 'default', 'slow');
    expect(workload.pods[0]?.ready).toBe(false);
    expect(workload.events.find((e) => e.reason === 'Unhealthy')?.message).toMatch(
      /dial tcp 10\.244\.0\.\d+:9090: connect: connection refused$/,
    );
  });
});
