import { readdirSync, readFileSync } from 'node:fs';
import { ScaledObject } from '@kubernetes-models/keda/keda.sh/v1alpha1';
import { Deployment, StatefulSet } from 'kubernetes-models/apps/v1';
import { ClusterRole, ClusterRoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1';
import { ConfigMap, Namespace, Secret, Service, ServiceAccount } from 'kubernetes-models/v1';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { REPO } from '../support/service-process';

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  [key: string]: unknown;
}

const MODELS: Record<string, new (o: never) => { validate(): void }> = {
  'apps/v1/Deployment': Deployment,
  'apps/v1/StatefulSet': StatefulSet,
  'v1/Service': Service,
  'v1/ServiceAccount': ServiceAccount,
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Namespace': Namespace,
  'rbac.authorization.k8s.io/v1/ClusterRole': ClusterRole,
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': ClusterRoleBinding,
  'keda.sh/v1alpha1/ScaledObject': ScaledObject,
};

const dir = `${REPO}infra/k8s/`;
const manifests: Manifest[] = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .flatMap((f) => parseAllDocuments(readFileSync(dir + f, 'utf8')).map((d) => d.toJSON() as Manifest))
  .filter(Boolean);
const ofKind = (kind: string) => manifests.filter((m) => m.kind === kind);

const STAGES = { detector: 'detect', analyzer: 'analyze', planner: 'plan', fixer: 'fix', notifier: 'notify' };

describe('infra/k8s', () => {
  it('validates every object against the Kubernetes (and KEDA) schemas', () => {
    expect(manifests.length).toBeGreaterThan(15);
    for (const m of manifests) {
      const Model = MODELS[`${m.apiVersion}/${m.kind}`];
      expect(Model, `${m.apiVersion} ${m.kind} has a schema`).toBeDefined();
      expect(() => new Model!(m as never).validate(), `${m.kind}/${m.metadata.name}`).not.toThrow();
    }
  });

  it('runs every service from an entry point that exists', () => {
    const deployments = ofKind('Deployment') as unknown as Deployment[];
    const services = readdirSync(`${REPO}services`).filter((s) => s !== 'launcher');
    expect(deployments.map((d) => d.metadata?.name).sort()).toEqual(services.map((s) => `aiops-${s}`).sort());
    for (const d of deployments) {
      const entry = d.spec?.template.spec?.containers[0]?.args?.[0];
      expect(() => readFileSync(`${REPO}${entry}`), entry).not.toThrow();
    }
  });

  it('scales each stage with a KEDA ScaledObject on its own queue', () => {
    const scaled = ofKind('ScaledObject') as unknown as ScaledObject[];
    for (const [service, queue] of Object.entries(STAGES)) {
      const so = scaled.find((s) => s.spec.scaleTargetRef.name === `aiops-${service}`);
      expect(so, service).toBeDefined();
      expect(so?.spec.triggers[0]?.metadata).toMatchObject({ listName: `aiops:${queue}:wait` });
    }
  });

  it('gives a service account token to the services that talk to the cluster, and only to them', () => {
    // The scheduler reads the Deployment PREDICTION_TARGET names (capacity incidents).
    const clusterClients = ['analyzer', 'fixer', 'ingress', 'planner', 'scheduler'];
    const deployments = ofKind('Deployment') as unknown as Deployment[];
    const withToken = deployments
      .filter((d) => d.spec?.template.spec?.automountServiceAccountToken === true)
      .map((d) => d.metadata?.name);
    expect(withToken.sort()).toEqual(clusterClients.map((s) => `aiops-${s}`));
  });

  it('grants least privilege: no deletes, no secrets, writes only to deployments', () => {
    const roles = ofKind('ClusterRole') as unknown as ClusterRole[];
    const rules = roles.flatMap((r) => r.rules ?? []);
    expect(rules.flatMap((r) => r.verbs)).not.toEqual(expect.arrayContaining(['delete']));
    expect(rules.flatMap((r) => r.verbs)).not.toContain('*');
    expect(rules.flatMap((r) => r.resources ?? [])).not.toContain('secrets');
    const writes = rules.filter((r) => r.verbs.some((v) => ['create', 'update', 'patch'].includes(v)));
    expect(writes.flatMap((r) => r.resources)).toEqual(['deployments']);
  });
});
