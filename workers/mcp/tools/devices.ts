import { z } from 'zod';
import { DeviceSettings } from '../../../wire/devices.ts';
import { READ, tool } from '../tool.ts';
import { roomOf } from './room.ts';

/**
 * Devices: the tip levels and the toy's limits, through the Room methods the studio route calls. Nothing
 * here drives a toy: only the performer's studio page talks to the device.
 */
export const deviceTools = [
  tool({
    name: 'device_settings',
    scope: 'devices',
    title: 'Read tip levels and toy limits',
    description: 'The tip levels (amount ranges and their reactions), the intensity cap and the queue length.',
    input: z.object({}),
    hints: READ,
    run: async ({ env, caller }) => ({ settings: await roomOf(env, caller).stub.deviceSettings() }),
  }),
  tool({
    name: 'device_settings_replace',
    scope: 'devices',
    title: 'Replace tip levels and toy limits',
    description: 'Replaces the tip levels, the intensity cap and the queue length at once, as the studio does.',
    input: z.object({ settings: DeviceSettings }),
    hints: { readOnlyHint: false, destructiveHint: true, idempotentHint: true },
    run: async ({ env, caller }, { settings }) => {
      const { stub, owner } = roomOf(env, caller);
      return { settings: await stub.setDeviceSettings(owner, settings) };
    },
  }),
];
