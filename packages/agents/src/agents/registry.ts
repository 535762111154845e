import type { AgentDefinition } from './agent';
import { coderAgent } from './coder';
import { kubernetesFixerAgent } from './kubernetes-fixer';
import { notifierAgent } from './notifier';
import { researcherAgent } from './researcher';

/** The agents the supervisor routes work among; adding one is adding a file and a line here. */
export const AGENTS: AgentDefinition[] = [kubernetesFixerAgent, researcherAgent, coderAgent, notifierAgent];

/** `transfer_to_kubernetes_fixer`: the supervisor's hand-off tool for an agent. */
export function handoffToolName(agent: AgentDefinition): string {
  return `transfer_to_${agent.name.replace(/-/g, '_')}`;
}
