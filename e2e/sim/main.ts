// `npm run sim`: start the simulator alone and print one JSON line with its ports and the
// --host-resolver-rules value to give Chromium. `--demo` turns on the scripted friends.
import { startSimulator } from './server.ts';
import { ALL_MODULES } from './modules.ts';

const args = process.argv.slice(2);
const portArg = (name: string) => {
  const index = args.indexOf(name);
  return index >= 0 ? Number(args[index + 1]) : 0;
};
const sim = await startSimulator({
  modules: ALL_MODULES,
  demo: args.includes('--demo'),
  httpPort: portArg('--http-port'),
  httpsPort: portArg('--https-port'),
  controlPort: portArg('--control-port'),
});
console.log(
  JSON.stringify({
    httpPort: sim.httpPort,
    httpsPort: sim.httpsPort,
    controlPort: sim.controlPort,
    controlUrl: sim.controlUrl,
    hostResolverRules: sim.hostRules,
  }),
);
const stop = () => void sim.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
