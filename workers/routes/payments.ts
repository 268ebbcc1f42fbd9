import { router } from '../app.ts';

export const payments = router();
