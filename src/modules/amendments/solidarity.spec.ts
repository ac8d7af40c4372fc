import { solidarityEnds } from './solidarity.js';

/** Art. 8-1 VI, loi n° 89-462: the departed co-tenant's solidarity, with and without a newcomer. */
describe('solidarityEnds', () => {
  const leaving = { lesseeId: 'alice', noticeDate: '2027-03-10', effectiveDate: '2027-06-10' };
  const bruno = { lessee_id: 'bruno', start_date: '2027-01-01' }; // the co-tenant who stays

  it('lasts six months after the congé takes effect when nobody replaces them', () => {
    expect(solidarityEnds(leaving, [bruno, { lessee_id: 'alice', start_date: '2027-01-01' }])).toBe('2027-12-10');
  });

  it('ends when the newcomer joins, once the congé has taken effect', () => {
    expect(solidarityEnds(leaving, [bruno, { lessee_id: 'chloe', start_date: '2027-08-01' }])).toBe('2027-08-01');
  });

  it('ends on the date the congé takes effect when the newcomer joined before it', () => {
    expect(solidarityEnds(leaving, [bruno, { lessee_id: 'chloe', start_date: '2027-04-01' }])).toBe('2027-06-10');
  });

  it('counts the first newcomer only, and a newcomer on the day of the notice', () => {
    expect(solidarityEnds(leaving, [{ lessee_id: 'denis', start_date: '2027-09-01' }, { lessee_id: 'chloe', start_date: '2027-07-01' }])).toBe('2027-07-01');
    expect(solidarityEnds(leaving, [{ lessee_id: 'chloe', start_date: '2027-03-10' }])).toBe('2027-06-10');
  });

  it('never lasts longer than the six months, whoever joins later', () => {
    expect(solidarityEnds(leaving, [{ lessee_id: 'chloe', start_date: '2028-02-01' }])).toBe('2027-12-10');
  });

  it('does not take a co-tenant already there before the notice for a replacement', () => {
    expect(solidarityEnds(leaving, [{ lessee_id: 'chloe', start_date: '2027-03-09' }])).toBe('2027-12-10');
  });

  it('keeps the six months within the month (31 August + 6 months = 28 or 29 February)', () => {
    expect(solidarityEnds({ ...leaving, noticeDate: '2027-05-31', effectiveDate: '2027-08-31' }, [])).toBe('2028-02-29');
  });
});
