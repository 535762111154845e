import { loadScenarios, observeWorkload, startScenarioSim, warmUpScenario } from '@aiops/cluster-sim';
import { KubeConfig } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { runAutofix } from '../src/autofix';
import { createKubeApis } from '../src/client';
import { Cluster } from '../src/cluster';

const scenarios = await loadScenarios(new URL('../../../../shared/scenarios/k8s', import.meta.url).pathname);
const policy = { allowedNamespaces: ['*'], protectedNamespaces: ['kube-system'], maxReplicas: 20 };

describe.each(scenarios.map((s) => [s.name, s] as const))('scenario %s', (_name, scenario) => {
  it('is diagnosed and fixed or escalated as expected', async () => {
    const sim = await startScenarioSim(scenario, { speed: 40 });
    try {
      const warm = await warmUpScenario(sim, scenario, { minSimSeconds: 90 });
      expect(warm.symptomsShown).toBe(true);
      const kc = new KubeConfig();
      kc.loadFromString(sim.kubeconfig());
      const cluster = new Cluster(createKubeApis(kc));
      const { namespace, deployment } = scenario.expect.target;
      const before = await cluster.getDeployment(namespace, deployment);
      const report = await runAutofix(
        { cluster, policy, maxRounds: 3, verifyTimeoutMs: 20_000, settleMs: 2000, pollMs: 250 },
        {
          namespace,
          deployment,
          event: scenario.expect.event,
          apply: scenario.expect.force ?? true,
          actor: 'test',
        },
      );
      const categories = report.findings.map((f) => f.category);
      expect(categories).toEqual(expect.arrayContaining(scenario.expect.findings));
      expect(report.status, `${report.error}\n${report.actionsTaken.join('\n')}`).toBe(
        scenario.expect.outcome,
      );
      const after = await cluster.getDeployment(namespace, deployment);
      if (scenario.expect.outcome === 'fixed') {
        const ready = await sim.waitFor(
          () => observeWorkload(sim.cluster, namespace, deployment).allReplicasReady,
          {
            simSeconds: 120,
          },
        );
        expect(ready).toBe(true);
      } else {
        expect(after?.spec).toEqual(before?.spec);
      }
    } finally {
      await sim.close();
    }
  }, 90_000);
});
