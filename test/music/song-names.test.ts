import { describe, expect, it } from 'vitest';
import { blockedTerm, normalizeArtists, normalizeTitle, sameSong } from '../../durable-objects/music/song-names.ts';

describe('the song-name normalizer', () => {
  it('ignores case, punctuation and accents', () => {
    expect(normalizeTitle("Don't Stop Me Now!")).toBe('don t stop me now');
    expect(normalizeTitle('Café   del   Mar')).toBe('cafe del mar');
    expect(normalizeTitle('SEÑORITA')).toBe(normalizeTitle('senorita'));
    expect(normalizeArtists('Beyoncé')).toEqual(['beyonce']);
  });

  it('drops remix, edit and version suffixes in brackets or after a dash', () => {
    for (const title of [
      'Levels (Radio Edit)',
      'Levels [Extended Mix]',
      'Levels - Original Mix',
      'Levels – 2011 Remaster',
    ])
      expect(normalizeTitle(title)).toBe('levels');
    // A bracket that names no version is part of the title.
    expect(normalizeTitle('(I Can’t Get No) Satisfaction')).toBe('i can t get no satisfaction');
  });

  it('drops featured artists from titles and artists, and reads & as and', () => {
    expect(normalizeTitle('Titanium feat. Sia')).toBe('titanium');
    expect(normalizeTitle('Titanium (ft. Sia)')).toBe('titanium');
    expect(normalizeArtists('David Guetta featuring Sia')).toEqual(['david guetta']);
    expect(normalizeArtists('Calvin Harris & Disciples')).toEqual(['calvin harris', 'disciples']);
  });

  it('matches the same song written two ways, and not another song', () => {
    expect(
      sameSong(
        { title: 'One More Time (Radio Edit)', artist: 'Daft Punk' },
        { title: 'one more time', artist: 'daft punk' },
      ),
    ).toBe(true);
    expect(
      sameSong(
        { title: 'How Deep Is Your Love', artist: 'Calvin Harris & Disciples' },
        { title: 'How deep is your love', artist: 'Calvin Harris' },
      ),
    ).toBe(true);
    expect(sameSong({ title: 'Strobe', artist: 'deadmau5' }, { title: 'Strobe', artist: '' })).toBe(true);
    expect(
      sameSong(
        { title: 'How Deep Is Your Love', artist: 'Bee Gees' },
        { title: 'How Deep Is Your Love', artist: 'Calvin Harris' },
      ),
    ).toBe(false);
    expect(
      sameSong({ title: 'One More Time', artist: 'Daft Punk' }, { title: 'One Last Time', artist: 'Daft Punk' }),
    ).toBe(false);
    expect(sameSong({ title: '!!!', artist: '' }, { title: '???', artist: '' })).toBe(false);
  });

  it('finds blocked words and artists as whole words, whatever the case or accents', () => {
    expect(blockedTerm(['Baby Shark'], ['baby shark (remix)'])).toBe('Baby Shark');
    expect(blockedTerm(['polka'], ['Polka!'])).toBe('polka');
    expect(blockedTerm(['Nickelback'], ['Photograph', 'Nickelbäck'])).toBe('Nickelback');
    expect(blockedTerm(['ska'], ['Skank'])).toBeUndefined();
  });
});
