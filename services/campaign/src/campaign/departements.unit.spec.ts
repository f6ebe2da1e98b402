import { DEPARTEMENTS, isDepartement } from './departements';

describe('département codes', () => {
  it('are the 101 départements of INSEE', () => {
    expect(DEPARTEMENTS).toHaveLength(101);
    expect(new Set(DEPARTEMENTS).size).toBe(101);
  });

  it.each(['01', '09', '19', '2A', '2B', '21', '62', '95', '971', '972', '973', '974', '976'])('include %s', (code) =>
    expect(isDepartement(code)).toBe(true),
  );

  it.each(['20', '00', '96', '975', '977', '2C', '2a', '1', '001', ' 62', '', 62, null, undefined])('exclude %p', (code) =>
    expect(isDepartement(code)).toBe(false),
  );
});
