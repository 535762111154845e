/** API validation: what makes the API server answer 422 Invalid, with Kubernetes' field paths and messages. */

import { tryParseQuantity } from '@aiops/contracts';
import type { ResourceType } from '../api/resources';
import { invalid, type StatusCause } from '../api/status';
import type {
  Container,
  Deployment,
  KubeObject,
  LabelSelector,
  PodSpec,
  Probe,
  ReplicaSet,
} from '../kube/types';
import { isRecord } from '../kube/types';
import { fromLabelSelector, matchesLabels } from '../selectors/label-selector';

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

class FieldErrors {
  readonly causes: StatusCause[] = [];

  required(field: string, detail?: string): void {
    this.causes.push({
      reason: 'FieldValueRequired',
      message: detail ? `Required value: ${detail}` : 'Required value',
      field,
    });
  }

  invalid(field: string, value: unknown, detail: string): void {
    this.causes.push({
      reason: 'FieldValueInvalid',
      message: `Invalid value: ${JSON.stringify(value)}: ${detail}`,
      field,
    });
  }

  duplicate(field: string, value: unknown): void {
    this.causes.push({
      reason: 'FieldValueDuplicate',
      message: `Duplicate value: ${JSON.stringify(value)}`,
      field,
    });
  }

  notSupported(field: string, value: unknown, supported: string[]): void {
    this.causes.push({
      reason: 'FieldValueNotSupported',
      message: `Unsupported value: ${JSON.stringify(value)}: supported values: ${supported.map((s) => `"${s}"`).join(', ')}`,
      field,
    });
  }
}

function validateNonNegative(errors: FieldErrors, field: string, value: unknown): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    errors.invalid(field, value, 'must be greater than or equal to 0');
  }
}

function validateProbe(
  errors: FieldErrors,
  field: string,
  probe: Probe | undefined,
  mustSucceedOnce: boolean,
): void {
  if (!probe) return;
  const handlers = ['httpGet', 'tcpSocket', 'exec', 'grpc'].filter(
    (h) => probe[h as keyof Probe] !== undefined,
  );
  if (handlers.length === 0) errors.required(field, 'must specify a handler type');
  if (handlers.length > 1) errors.invalid(field, handlers, 'may not specify more than 1 handler type');
  for (const key of [
    'initialDelaySeconds',
    'timeoutSeconds',
    'periodSeconds',
    'successThreshold',
    'failureThreshold',
  ]) {
    validateNonNegative(errors, `${field}.${key}`, probe[key as keyof Probe]);
  }
  if (mustSucceedOnce && probe.successThreshold !== undefined && probe.successThreshold !== 1) {
    errors.invalid(`${field}.successThreshold`, probe.successThreshold, 'must be 1');
  }
  const port = probe.httpGet?.port;
  if (probe.httpGet && (port === undefined || port === '')) errors.required(`${field}.httpGet.port`);
  if (typeof port === 'number' && (port < 1 || port > 65535)) {
    errors.invalid(`${field}.httpGet.port`, port, 'must be between 1 and 65535, inclusive');
  }
}

function validateContainer(errors: FieldErrors, field: string, container: Container, isInit: boolean): void {
  if (!container.name) errors.required(`${field}.name`);
  else if (!DNS_LABEL.test(container.name)) {
    errors.invalid(
      `${field}.name`,
      container.name,
      "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-'",
    );
  }
  if (!container.image) errors.required(`${field}.image`);
  (container.ports ?? []).forEach((port, i) => {
    if (typeof port.containerPort !== 'number' || port.containerPort < 1 || port.containerPort > 65535) {
      errors.invalid(
        `${field}.ports[${i}].containerPort`,
        port.containerPort,
        'must be between 1 and 65535, inclusive',
      );
    }
  });
  const requests = container.resources?.requests ?? {};
  const limits = container.resources?.limits ?? {};
  for (const [kind, map] of [
    ['requests', requests],
    ['limits', limits],
  ] as const) {
    for (const [name, value] of Object.entries(map)) {
      if (tryParseQuantity(value) === undefined) {
        errors.invalid(
          `${field}.resources.${kind}[${name}]`,
          value,
          "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
        );
      }
    }
  }
  for (const [name, value] of Object.entries(requests)) {
    const limit = tryParseQuantity(limits[name]);
    const request = tryParseQuantity(value);
    if (limit !== undefined && request !== undefined && request > limit) {
      errors.invalid(
        `${field}.resources.requests`,
        String(value),
        `must be less than or equal to ${name} limit of ${limits[name]}`,
      );
    }
  }
  if (isInit) return;
  validateProbe(errors, `${field}.readinessProbe`, container.readinessProbe, false);
  validateProbe(errors, `${field}.livenessProbe`, container.livenessProbe, true);
  validateProbe(errors, `${field}.startupProbe`, container.startupProbe, true);
}

function validatePodSpec(
  errors: FieldErrors,
  field: string,
  spec: PodSpec | undefined,
  restartPolicies: string[],
): void {
  if (!isRecord(spec)) {
    errors.required(field);
    return;
  }
  if (!Array.isArray(spec.containers) || spec.containers.length === 0) errors.required(`${field}.containers`);
  const names = new Set<string>();
  const all = [
    ...(spec.initContainers ?? []).map((c, i) => [c, `${field}.initContainers[${i}]`, true] as const),
    ...(spec.containers ?? []).map((c, i) => [c, `${field}.containers[${i}]`, false] as const),
  ];
  for (const [container, path, isInit] of all) {
    if (!isRecord(container)) {
      errors.invalid(path, container, 'must be an object');
      continue;
    }
    validateContainer(errors, path, container, isInit);
    if (container.name && names.has(container.name)) errors.duplicate(`${path}.name`, container.name);
    names.add(container.name);
  }
  if (spec.restartPolicy && !restartPolicies.includes(spec.restartPolicy)) {
    errors.notSupported(`${field}.restartPolicy`, spec.restartPolicy, restartPolicies);
  }
}

function validateSelectorAndTemplate(
  errors: FieldErrors,
  spec: Deployment['spec'] | ReplicaSet['spec'],
): void {
  const selector: LabelSelector | undefined = isRecord(spec.selector) ? spec.selector : undefined;
  if (
    !selector ||
    (Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0)
  ) {
    errors.required('spec.selector');
  } else if (!matchesLabels(fromLabelSelector(selector), spec.template?.metadata?.labels)) {
    errors.invalid(
      'spec.template.metadata.labels',
      spec.template?.metadata?.labels ?? {},
      '`selector` does not match template `labels`',
    );
  }
  validateNonNegative(errors, 'spec.replicas', spec.replicas);
  validatePodSpec(errors, 'spec.template.spec', spec.template?.spec, ['Always']);
}

function isZero(value: number | string | undefined): boolean {
  return value === 0 || value === '0' || value === '0%';
}

/** Throws 422 Invalid when the object may not be stored; `previous` is the stored object on update. */
export function validateObject(
  type: ResourceType,
  object: KubeObject,
  previous: KubeObject | undefined,
): void {
  const errors = new FieldErrors();
  const name = object.metadata?.name ?? '';
  if (!name) errors.required('metadata.name');
  else if (!DNS_SUBDOMAIN.test(name) || name.length > 253) {
    errors.invalid(
      'metadata.name',
      name,
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
    );
  }
  switch (object.kind) {
    case 'Pod':
      validatePodSpec(errors, 'spec', object.spec as PodSpec, ['Always', 'OnFailure', 'Never']);
      break;
    case 'Deployment': {
      const deployment = object as Deployment;
      if (!isRecord(deployment.spec)) {
        errors.required('spec');
        break;
      }
      validateSelectorAndTemplate(errors, deployment.spec);
      const rolling = deployment.spec.strategy?.rollingUpdate;
      if (
        deployment.spec.strategy?.type === 'RollingUpdate' &&
        rolling &&
        isZero(rolling.maxSurge) &&
        isZero(rolling.maxUnavailable)
      ) {
        errors.invalid(
          'spec.strategy.rollingUpdate.maxUnavailable',
          rolling.maxUnavailable,
          'may not be 0 when `maxSurge` is 0',
        );
      }
      if (
        previous &&
        JSON.stringify((previous as Deployment).spec.selector) !== JSON.stringify(deployment.spec.selector)
      ) {
        errors.invalid('spec.selector', deployment.spec.selector, 'field is immutable');
      }
      break;
    }
    case 'ReplicaSet': {
      const replicaSet = object as ReplicaSet;
      if (!isRecord(replicaSet.spec)) errors.required('spec');
      else validateSelectorAndTemplate(errors, replicaSet.spec);
      break;
    }
  }
  if (errors.causes.length > 0) throw invalid(type, name, errors.causes);
}
