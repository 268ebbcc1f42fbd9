import { router } from '../app.ts';

export const devCheckout = router();
