import { installShutdown, runMain } from '@aiops/runtime';
import { startIngress } from './server';

await runMain('ingress', async () => {
  const ingress = await startIngress();
  installShutdown(ingress.context.log, [ingress.stop], ingress.context.env.SHUTDOWN_TIMEOUT_MS);
});
