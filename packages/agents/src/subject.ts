import type { Alert, Anomaly, Finding, Incident, RcaResult, Target, WorkflowRequest } from '@aiops/contracts';

/** What a planning run is about: an incident of the pipeline, or a problem described through the API. */
export interface WorkflowSubject {
  /** The incident's id (or the workflow's, for an API request without an incident). */
  id: string;
  title: string;
  target: Target;
  /** Free text from a person (the API's problem_description, an autofix request's event): untrusted. */
  description: string;
  alerts: Alert[];
  anomalies: Anomaly[];
  findings: Finding[];
  rca: RcaResult | null;
}

export function subjectFromIncident(incident: Incident): WorkflowSubject {
  return {
    id: incident.id,
    title: incident.title,
    target: incident.target,
    description: incident.request?.event ?? '',
    alerts: incident.alerts,
    anomalies: incident.anomalies ?? [],
    findings: incident.findings ?? [],
    rca: incident.rca,
  };
}

/** `POST /api/v1/autofix/workflow`: a Deployment when one is named, else the namespace, else the cluster. */
export function subjectFromProblem(id: string, request: WorkflowRequest): WorkflowSubject {
  const namespace = request.namespace ?? 'default';
  const target: Target = request.deployment
    ? { kind: 'deployment', namespace, name: request.deployment }
    : request.namespace
      ? { kind: 'namespace', namespace }
      : { kind: 'cluster' };
  return {
    id,
    title: request.problem_description.split('\n')[0]?.slice(0, 120) ?? 'workflow',
    target,
    description: request.problem_description,
    alerts: [],
    anomalies: [],
    findings: [],
    rca: null,
  };
}

/** `namespace/name` of a Deployment target, or null when the target is not one. */
export function deploymentOf(target: Target): { namespace: string; deployment: string } | null {
  if (target.kind !== 'deployment' || !target.name) return null;
  return { namespace: target.namespace ?? 'default', deployment: target.name };
}
