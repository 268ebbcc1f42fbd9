// `npm run dev:sfu` (node dev/sfu/main.ts): the dev SFU on its own (PORT, default 8790), for poking at it with curl
// or pointing a Worker at it by hand. `npm run dev` starts it inside dev/start.ts instead.
import { startDevSfu } from './server.ts';

const sfu = await startDevSfu({ port: Number(process.env.PORT ?? 8790), appSecret: process.env.REALTIME_APP_SECRET });
console.log(
  `Dev SFU listening: REALTIME_API_URL=${sfu.url} REALTIME_APP_ID=${sfu.appId} REALTIME_APP_SECRET=${sfu.appSecret}`,
);
const stop = () => void sfu.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
