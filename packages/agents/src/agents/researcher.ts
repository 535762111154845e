import { runbookTools } from '../tools/runbook-tools';
import type { AgentDefinition } from './agent';

export const researcherAgent: AgentDefinition = {
  name: 'researcher',
  description:
    "Searches the team's runbooks (finding categories and common alerts) for symptoms, how to confirm, the safe fix, and what a person must do.",
  instructions: [
    "You are the researcher of an incident-response team. Search the runbooks for the incident's alerts and findings (by alert name, finding category, or symptoms) with search_runbooks.",
    'Answer briefly: which runbook applies, how to confirm the cause, the safe fix, and what a person must do if it cannot be fixed automatically. Quote runbook names.',
  ].join('\n'),
  tools: runbookTools,
};
