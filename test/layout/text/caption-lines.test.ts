import { describe, expect, it } from 'vitest';
import { readsAsCaption } from '../../../src/layout/text/caption-lines.js';
import { classifyTextLines, DEFAULT_TEXT_PARAMS } from '../../../src/layout/text/classify-lines.js';
import { LINE_FEATURE_NAMES } from '../../../src/layout/text/line-features.js';
import type { LineModel } from '../../../src/layout/text/line-model.js';

describe('photo captions in a text dump', () => {
  it('reads a caption by its opening or its closing credit', () => {
    const captions = [
      'In this March 3, 2021, file photo, a ferry crosses the bay at dawn before the strike began.',
      'In this Sunday, May 9, 2021, photograph, workers repaint the pier railings in the old harbour.',
      'FILE PHOTO: Dock workers unload containers at the port on a windy morning, May 2, 2021.',
      'Image caption The harbour master said the pier would reopen within a week',
      'Fishing boats wait at the quay as the storm passes, May 9, 2021. (AP Photo/Jane Doe)',
      'A crane lifts the last section of the bridge into place. (City Council via AP, File)',
      'The old lighthouse at the end of the pier, on Monday. (Jane Doe/Reuters)',
      'Divers inspect the quay wall after the storm. REUTERS/Jane Doe',
      'The mayor speaks at the harbour on May 9, 2021.Jane Doe / AP file',
      'A ferry leaves the port at dusk on Friday evening.Credit: Getty - Contributor',
      'A stock image of a ferry at sea. Getty',
      'Crowds gather on the pier for the opening. (AP Photo/Jane Doe) less',
    ];
    for (const c of captions) expect(readsAsCaption(c), c).toBe(true);
  });

  it('leaves story sentences alone, abbreviations and long paragraphs included', () => {
    const story = [
      'The port authority said the pier would reopen within a week, once divers had inspected the quay wall.',
      'Doctors can now read the electronic patient record (ePA) from any clinic in the region.',
      'In this town, nobody remembers a storm like it, the harbour master said.',
      'Agencies such as AP and Reuters reported the closure on Monday.',
      `${'The ferry company said the crossing would stay closed for repairs. '.repeat(5)}(AP Photo/Jane Doe)`,
    ];
    for (const s of story) expect(readsAsCaption(s), s).toBe(false);
  });

  it('keeps a caption inside the story out of the body', () => {
    const model: LineModel = {
      kind: 'gbdt-lines',
      features: [...LINE_FEATURE_NAMES],
      baseInRun: 5,
      baseOutside: -5,
      trees: [],
      threshold: 0.5,
      switchCost: 20,
    };
    const caption = 'Fishing boats wait at the quay as the storm passes, May 9, 2021. (AP Photo/Jane Doe)';
    const lines = [
      'Home',
      'News',
      'Sport',
      'Weather',
      'Storm closes the harbour for a week',
      'A storm with winds of 120 km/h closed the harbour on Sunday night, and the port authority said it would stay shut for a week.',
      'Two cranes toppled into the water and a ferry broke its moorings, but nobody was hurt, the authority said in a statement.',
      caption,
      'Divers will inspect the quay wall on Monday before any ship is allowed to berth again, the harbour master told reporters.',
      'Fishing crews said the closure would cost them a week of catches at the busiest time of the year for the local market.',
      'Most read',
      'Privacy policy',
      'Terms of use',
      'Contact us',
      'About us',
      'Advertise',
    ];
    const text = lines.join('\n\n');
    for (const m of [model, null]) {
      const out = classifyTextLines(text, { ...DEFAULT_TEXT_PARAMS, model: m });
      const kindOf = (line: string) => out.find((l) => text.slice(l.start, l.end) === line)?.kind;
      expect(kindOf(caption)).toBe('caption');
      expect(kindOf(lines[5]!)).toBe('paragraph');
      expect(kindOf(lines[8]!)).toBe('paragraph');
    }
  });
});
