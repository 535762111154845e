import { installShutdown, runMain } from '@aiops/runtime';
import { seedModules } from './modules';
import { startIngress } from './server';

await runMain('ingress', async () => {
  const ingress = await startIngress({ modules: seedModules });
  installShutdown(ingress.context.log, [ingress.stop], ingress.context.env.SHUTDOWN_TIMEOUT_MS);
});
