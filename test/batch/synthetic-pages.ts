/** Many distinct short news pages, made from a few sentence patterns written for these tests. */
const TOWNS = ['Alder Bay', 'Brookmere', 'Cold Harbour', 'Dunmore', 'Eastfield', 'Fernhill', 'Greystone'];
const PEOPLE = ['Ana Costa', 'Martin Hale', 'Ruth Mbeki', 'Omar Lindqvist', 'Lena Park', 'Tomas Ruiz'];
const THINGS = ['homes', 'bus shelters', 'street lights', 'school places', 'hospital beds', 'bike racks'];

export function syntheticPage(i: number): { id: string; text: string } {
  const town = TOWNS[i % TOWNS.length]!;
  const person = PEOPLE[(i * 7) % PEOPLE.length]!;
  const thing = THINGS[(i * 3) % THINGS.length]!;
  const n = 10 + ((i * 37) % 400);
  const text = [
    `${town} council approves ${n} new ${thing}`,
    `The council of ${town} voted on Monday to pay for ${n} new ${thing}, plan number ${i}, officials said.`,
    `"We have waited long enough for these ${thing}," councillor ${person} said after the vote. ${person} said work would start within ${1 + (i % 11)} months.`,
    `Residents had asked for the ${thing} at ${2 + (i % 9)} public meetings, according to the council's own figures.`,
  ].join('\n\n');
  return { id: `synthetic-${i}`, text };
}

export function syntheticJsonl(count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) out += `${JSON.stringify(syntheticPage(i))}\n`;
  return out;
}
