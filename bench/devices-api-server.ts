/** The server half of bench/devices-api.ts: serves a store on 127.0.0.1 and prints its port. */
import { buildServer } from '../src/server/index.js';
import { openStore } from '../src/store/index.js';

const store = await openStore(process.argv[2]);
const app = await buildServer({ store });
const address = await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`${new URL(address).port}\n`);
process.on('SIGTERM', () => {
  void app
    .close()
    .then(() => store.close())
    .then(() => process.exit(0));
});
