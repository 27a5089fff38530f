import { runProxyBench } from './proxy-bench';
console.log(await runProxyBench());
