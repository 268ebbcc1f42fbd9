import { describe, expect, it } from 'vitest';
import { DEFAULT_SHOW_SETTINGS, ShowSettings } from '../../../../wire/shows.ts';
import { schemaProblems } from '../../lib/forms.ts';
import { draftOf, LABELS, NUMBERS, settingsOf } from './show-settings-draft.ts';

describe('the Paid shows form', () => {
  it('sends back exactly the settings it was given when nothing is changed', () => {
    const settings = { ...DEFAULT_SHOW_SETTINGS, privateOn: true, sessionRates: { video: 99, voice: 12, chat: 7 } };
    expect(settingsOf(draftOf(settings))).toEqual(settings);
    expect(schemaProblems(ShowSettings, settingsOf(draftOf(settings)))).toEqual({});
  });

  it('names each bad number by the same field path the server uses, each with a label to link to', () => {
    const draft = draftOf(DEFAULT_SHOW_SETTINGS);
    const typed = {
      ...draft,
      numbers: {
        ...draft.numbers,
        privateRate: '5',
        minimumMinutes: '11',
        spyRate: '3',
        groupMinimum: '',
        'sessionRates.voice': '1000',
      },
    };
    const problems = schemaProblems(ShowSettings, settingsOf(typed));
    expect(Object.keys(problems).sort()).toEqual(
      ['groupMinimum', 'minimumMinutes', 'privateRate', 'sessionRates.voice', 'spyRate'].sort(),
    );
    expect(problems.privateRate).toMatch(/At least 6/);
    expect(problems.spyRate).toMatch(/0 \(off\)/);
    for (const path of Object.keys(problems)) expect(LABELS[path]?.[1]).toBe(NUMBERS[path as keyof typeof NUMBERS][1]);
  });
});
