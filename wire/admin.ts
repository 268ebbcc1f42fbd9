import { z } from 'zod';

export const AdminIdentity = z.object({ email: z.string() });
export type AdminIdentity = z.infer<typeof AdminIdentity>;
export const AdminMeResponse = z.object({ admin: AdminIdentity });
export type AdminMeResponse = z.infer<typeof AdminMeResponse>;
