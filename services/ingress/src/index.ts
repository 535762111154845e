export { type ApiModule, createApp } from './app';
export { type IngressEnv, IngressEnvSchema } from './env';
export type { Credentials } from './http/credentials';
export { fail, ok } from './http/envelope';
export { parseJsonBody } from './http/json-body';
export type { ApiOperation } from './openapi/document';
export { type IngressOptions, type RunningIngress, startIngress } from './server';
