import { router } from '../app.ts';

export const purchases = router();
